// `npm run bench [-- <area>…] [--flag value…]`: one run on one DynamoDB Local, figures printed in one
// format (`name  value unit  ratio× raw`), never asserted.
//
// It starts DynamoDB Local and the local runtime (500 demo customers), then WARMS DynamoDB Local
// (a JVM several times faster after a few minutes): raw PutItem windows of 5 s until two successive
// ones are within 10 % (bounded by --warmup seconds). Then the areas, all or those named:
//   campaigns, workbench, web       with the runtime's own stream pollers (as before)
//   tiering, monitoring, performance, conversions, data-quality, transactions
//                                   stream pipelines: the runtime's pollers stopped, each pipeline's own
//                                   consumers started through the same poller code (bench/consumers.ts);
//                                   per pipeline: its raw baseline (claim + counter TransactWriteItems of
//                                   the same items, --concurrency in flight) right before it, the
//                                   sustained rate and its ratio to raw, p50/p99 POST → effect (under
//                                   that load, and single posts), and the drain of a --backlog written
//                                   while its consumers were stopped (records/s until current, vs raw)
//   leaderboards                    leaderboard reads beside a raw index query (after performance)
//   month-close                     customers/s vs a raw parallel scan + write of the same customers
//   rules                           compiled rule evaluation vs json-rules-engine
//   graph                           the relationship graph's consumer vs raw edge writes, the
//                                   neighbourhood read vs a raw query, the many-to-one check as payers grow
//   bundles                         each function's bundle size and module-load time vs a bare handler
//
// Flags: --backlog N (records, default 20000) · --items N (posted per pipeline, default 3000)
//        --latency N (single posts, default 100) · --concurrency N (raw in flight, default 16)
//        --warmup S (cap in seconds, default 300) | --no-warmup · --close-customers N (default 10000)
//        --timeout S (per pipeline wait, default 900)
// A quick run: npm run bench -- tiering --backlog 2000 --items 1000 --latency 30 --warmup 60
import { cpus } from 'node:os';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { startMeasuredRuntime } from './fixtures.js';
import { parseBenchOptions, type BenchOptions } from './options.js';
import { measurePipeline } from './pipeline.js';
import { pipelines } from './pipelines.js';
import { warmUp } from './raw.js';
import { ensureRawTable } from './raw.js';
import { benchClients } from './consumers.js';
import { fmt } from './stats.js';
import { report } from './support.js';
import { runCampaignsBench } from './campaigns.js';
import { runWorkbenchBench } from './workbench.js';
import { runWebBench } from './web.js';
import { runLeaderboardBench } from './performance.js';
import { runMonthCloseBench } from './month-close.js';
import { runRulesBench } from './monitoring.js';
import { runBundlesBench } from './bundles.js';
import { runGraphBench } from './graph.js';

type Bench = (runtime: LocalRuntime, options: BenchOptions) => Promise<unknown>;

/** Areas that read the runtime's own streams: they run first, before its pollers are stopped. */
const streaming: Record<string, Bench> = {
  campaigns: runCampaignsBench,
  workbench: runWorkbenchBench,
  web: runWebBench,
};
const pipelineAreas = ['tiering', 'monitoring', 'performance', 'conversions', 'data-quality', 'transactions'];
const after: Record<string, Bench> = {
  leaderboards: runLeaderboardBench,
  'month-close': (runtime, options) => runMonthCloseBench(runtime, options),
  rules: () => runRulesBench(),
  graph: runGraphBench,
  bundles: () => runBundlesBench(),
};
const known = [...Object.keys(streaming), ...pipelineAreas, ...Object.keys(after)];

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const unknown = options.areas.filter((name) => !known.includes(name));
if (unknown.length) {
  console.error(`Unknown bench ${unknown.join(', ')}; known: ${known.join(', ')}`);
  process.exit(2);
}
const wanted = (name: string) => options.areas.length === 0 || options.areas.includes(name);

const runtime = await startMeasuredRuntime();
console.log(`OCRM benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores`);
console.log(
  `flags: backlog ${options.backlog}, items ${options.items}, latency ${options.latency}, ` +
    `concurrency ${options.concurrency}, warm-up ≤ ${options.warmupSeconds} s`,
);
try {
  const clients = benchClients(runtime);
  await ensureRawTable(runtime, clients.dynamodb);
  clients.dynamodb.destroy();
  clients.streams.destroy();
  if (options.warmupSeconds > 0) {
    const warm = await warmUp(runtime, {
      capSeconds: options.warmupSeconds,
      concurrency: options.concurrency,
    });
    report(
      `warm-up: raw PutItem, ${warm.rates.length} windows in ${fmt(warm.seconds)} s (${warm.stable ? 'stable' : 'capped'}; first ${fmt(warm.rates[0] ?? NaN)})`,
      fmt(warm.rates.at(-1) ?? NaN),
      'items/s',
    );
  }
  await runtime.drained();
  for (const [name, bench] of Object.entries(streaming)) {
    if (!wanted(name)) continue;
    console.log(`\n${name}`);
    await bench(runtime, options);
  }
  // from here on each pipeline runs its own consumers
  await runtime.streams.stop();
  const specs = pipelines(runtime);
  for (const name of pipelineAreas) {
    if (!wanted(name)) continue;
    console.log(`\n${name}`);
    await measurePipeline(runtime, specs[name]!, options);
  }
  for (const [name, bench] of Object.entries(after)) {
    if (!wanted(name)) continue;
    console.log(`\n${name}`);
    await bench(runtime, options);
  }
} finally {
  await runtime.stop();
}
