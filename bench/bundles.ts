// Bundles (the goal: within 1.3× of a bare handler in size and module-load time): every
// declared function bundled as it deploys (bundle-settings.ts), its minified size and its cold
// module-load time (the fastest of three fresh Node processes), against a bare handler that bundles
// only the DynamoDB client.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { system } from '#infra/declaration/index.js';
import { BUNDLE_MAIN_FIELDS, BUNDLE_TARGET, REQUIRE_BANNER } from '#infra/constructs/bundle-settings.js';
import { repositoryRoot } from '#infra/local/invoke.js';
import { fmt } from './stats.js';
import { report } from './support.js';

const BARE_HANDLER = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => client.send(new GetItemCommand({ TableName: 't', Key: { k: { S: 'k' } } }));
`;

export const runBundlesBench = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocrm-bundles-'));
  const bare = join(dir, 'bare.ts');
  writeFileSync(bare, BARE_HANDLER);
  const bundle = async (entry: string, name: string) => {
    const outfile = join(dir, `${name}.mjs`);
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: BUNDLE_TARGET,
      mainFields: BUNDLE_MAIN_FIELDS,
      banner: { js: REQUIRE_BANNER },
      minify: true,
      logLevel: 'silent',
      absWorkingDir: repositoryRoot,
      nodePaths: [join(repositoryRoot, 'node_modules')],
    });
    return outfile;
  };
  const loadMs = (file: string) => {
    const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`;
    const runs = [0, 1, 2].map(() =>
      Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })),
    );
    return Math.min(...runs);
  };
  const bareFile = await bundle(bare, 'bare');
  const bareKiB = statSync(bareFile).size / 1024;
  const bareLoad = loadMs(bareFile);
  report('bundle: bare handler (DynamoDB client only), size', fmt(bareKiB, 1), 'KiB');
  report('bundle: bare handler, module load', fmt(bareLoad, 1), 'ms');
  let worstSize = 0;
  let worstLoad = 0;
  for (const fn of system.functions) {
    const file = await bundle(join(repositoryRoot, fn.entry), fn.name);
    const kib = statSync(file).size / 1024;
    const load = loadMs(file);
    worstSize = Math.max(worstSize, kib / bareKiB);
    worstLoad = Math.max(worstLoad, load / bareLoad);
    report(`bundle: ${fn.name}, size`, fmt(kib, 1), 'KiB', kib / bareKiB);
    report(`bundle: ${fn.name}, module load`, fmt(load, 1), 'ms', load / bareLoad);
  }
  report('bundle: largest, over the bare handler (goal ≤ 1.3×)', fmt(worstSize, 2), '×');
  report('bundle: slowest load, over the bare handler (goal ≤ 1.3×)', fmt(worstLoad, 2), '×');
};
