// Bundles (the goal: within 1.3× of a bare handler in size and module-load time): every
// declared function bundled as it deploys (bundle-settings.ts), its minified size and its cold
// module-load time (the fastest of three fresh Node processes, beside the bare handler's taken in
// turn), against a bare handler that bundles only the DynamoDB client; over the goal, the packages
// it carries beyond the bare handler, heaviest first (esbuild's metafile).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { system } from '#infra/declaration/index.js';
import { esbuildOptionsOf } from '#infra/constructs/bundle-settings.js';
import { repositoryRoot } from '#infra/local/invoke.js';
import { fmt } from './stats.js';
import { report } from './support.js';

const BARE_HANDLER = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => client.send(new GetItemCommand({ TableName: 't', Key: { k: { S: 'k' } } }));
`;

/** KiB per package (or repository folder) in a bundle, from esbuild's metafile. */
const weights = (metafile: Metafile): Map<string, number> => {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput / 1024);
  }
  return byPackage;
};

/** What a bundle carries beyond the bare handler, heaviest first. */
const heaviestBeyond = (bundle: Map<string, number>, bare: Map<string, number>, count: number): string =>
  [...bundle]
    .map(([name, kib]) => [name, kib - (bare.get(name) ?? 0)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, kib]) => `${name} ${fmt(kib, 0)}`)
    .join(', ');

export const runBundlesBench = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocrm-bundles-'));
  const bare = join(dir, 'bare.ts');
  writeFileSync(bare, BARE_HANDLER);
  const bundle = async (entry: string, name: string, environment?: Record<string, string>) => {
    const outfile = join(dir, `${name}.mjs`);
    const { metafile } = await build({
      ...esbuildOptionsOf(undefined, environment),
      entryPoints: [entry],
      outfile,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: repositoryRoot,
      nodePaths: [join(repositoryRoot, 'node_modules')],
    });
    return { file: outfile, metafile: metafile! };
  };
  const loadOnce = (file: string) => {
    const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`;
    return Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    );
  };
  // the fastest of three fresh processes each, the bare handler's taken in turn with the function's,
  // so a busy moment of the machine weighs on both sides of the ratio alike
  const loadBeside = (file: string, bareFile: string) => {
    const mine: number[] = [];
    const bares: number[] = [];
    for (let run = 0; run < 3; run++) {
      bares.push(loadOnce(bareFile));
      mine.push(loadOnce(file));
    }
    return { load: Math.min(...mine), bareLoad: Math.min(...bares) };
  };
  const { file: bareFile, metafile: bareMetafile } = await bundle(bare, 'bare');
  const bareWeights = weights(bareMetafile);
  const bareKiB = statSync(bareFile).size / 1024;
  const bareLoad = Math.min(loadOnce(bareFile), loadOnce(bareFile), loadOnce(bareFile));
  report('bundle: bare handler (DynamoDB client only), size', fmt(bareKiB, 1), 'KiB');
  report('bundle: bare handler, module load', fmt(bareLoad, 1), 'ms');
  let worstSize = 0;
  let worstLoad = 0;
  for (const fn of system.functions) {
    const { file, metafile } = await bundle(join(repositoryRoot, fn.entry), fn.name, fn.environment);
    const kib = statSync(file).size / 1024;
    const { load, bareLoad: bareNow } = loadBeside(file, bareFile);
    worstSize = Math.max(worstSize, kib / bareKiB);
    worstLoad = Math.max(worstLoad, load / bareNow);
    report(`bundle: ${fn.name}, size`, fmt(kib, 1), 'KiB', kib / bareKiB);
    report(`bundle: ${fn.name}, module load`, fmt(load, 1), 'ms', load / bareNow);
    if (kib / bareKiB > 1.3)
      console.log(`  beyond the bare handler (KiB): ${heaviestBeyond(weights(metafile), bareWeights, 5)}`);
  }
  report('bundle: largest, over the bare handler (goal ≤ 1.3×)', fmt(worstSize, 2), '×');
  report('bundle: slowest load, over the bare handler (goal ≤ 1.3×)', fmt(worstLoad, 2), '×');
};
