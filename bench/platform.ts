// Issue 2's figures, from one run on one DynamoDB Local: raw PutItem/s; the HTTP → table → stream →
// handler slice in transactions/s and its ratio to the raw rate; POST → handler-write latency;
// each function's bundle size and module-load time against a bare handler.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { system } from '#infra/declaration/index.js';
import { BUNDLE_MAIN_FIELDS, BUNDLE_TARGET, REQUIRE_BANNER } from '#infra/constructs/bundle-settings.js';
import { repositoryRoot } from '#infra/local/invoke.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { fmt, line, pool, summary, transactionPoster, whenWritten } from './support.js';

const transaction = (i: number, customerId: string, bookedAt = new Date().toISOString()) => ({
  transactionId: `B-${process.pid}-${i}`,
  customerId,
  accountId: 'A1',
  assetClass: 'deposit',
  amountFen: 10_000 + i,
  direction: 'in',
  channel: 'counter',
  bookedAt,
  businessDate: bookedAt.slice(0, 10),
});

export const runPlatformBench = async (runtime: LocalRuntime) => {
  console.log('\nPlatform (issue 2)');
  const post = await transactionPoster(runtime);

  // 1. raw PutItem/s into the same DynamoDB Local
  const RAW = 3000;
  const rawTable = runtime.tableName('customer-activity');
  let started = performance.now();
  await pool(RAW, 16, (i) =>
    runtime.document
      .send(new PutCommand({ TableName: rawTable, Item: { customerId: `RAW-${i}`, at: i } }))
      .then(() => undefined),
  );
  const rawRate = RAW / ((performance.now() - started) / 1000);
  line('raw DynamoDB Local PutItem (16 in flight)', `${fmt(rawRate)} items/s`);

  // 2. the slice: POST batches of 100 → transactions → stream → activity handler → customer-activity
  const BATCHES = 30;
  await runtime.drained();
  started = performance.now();
  await pool(BATCHES, 4, (b) =>
    post(Array.from({ length: 100 }, (_, j) => transaction(b * 100 + j, `SLICE-${(b * 100 + j) % 500}`))),
  );
  await runtime.drained();
  const sliceRate = (BATCHES * 100) / ((performance.now() - started) / 1000);
  line('HTTP → stream → handler, batches of 100 (4 in flight)', `${fmt(sliceRate)} transactions/s`);
  line('  ratio to raw PutItem', `${fmt(sliceRate / rawRate, 2)}×`);

  // 3. latency POST → the handler's write (recordedAt on the activity item), one at a time
  const latencies: number[] = [];
  for (let i = 0; i < 150; i++) {
    const customerId = `LAT-${i}`;
    const t0 = Date.now();
    await post([transaction(100_000 + i, customerId)]);
    latencies.push((await whenWritten(runtime, rawTable, { customerId }, 'recordedAt')) - t0);
  }
  const { p50, p99 } = summary(latencies);
  line('POST → handler write latency (150 single posts)', `p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms`);

  // 4. bundles: size and cold module-load time of each function against a bare handler
  const dir = mkdtempSync(join(tmpdir(), 'ocrm-bundles-'));
  const bare = join(dir, 'bare.ts');
  writeFileSync(bare, 'export const handler = async () => ({ statusCode: 200, body: "ok" });\n');
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
  const bareLoad = loadMs(bareFile);
  line('bare handler', `${fmt(statSync(bareFile).size / 1024, 1)} KiB, load ${fmt(bareLoad, 1)} ms`);
  for (const fn of system.functions) {
    const file = await bundle(join(repositoryRoot, fn.entry), fn.name);
    const load = loadMs(file);
    line(
      `  ${fn.name}`,
      `${fmt(statSync(file).size / 1024)} KiB, load ${fmt(load, 1)} ms (${fmt(load / bareLoad, 1)}× bare)`,
    );
  }
};
