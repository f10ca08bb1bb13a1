// `npm run bench [-- <name>…]`: starts its own DynamoDB Local and the local runtime, then runs each
// capability's benchmark (or only those named) side by side in this one run, printing figures and
// ratios (no assertions).
import { cpus } from 'node:os';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.js';
import { runPlatformBench } from './platform.js';
import { runPerformanceBench } from './performance.js';
import { runTieringBench } from './tiering.js';
import { runMonitoringBench } from './monitoring.js';
import { runCampaignsBench } from './campaigns.js';
import { runWorkbenchBench } from './workbench.js';
import { runWebBench } from './web.js';

const benches: Record<string, (runtime: LocalRuntime) => Promise<unknown>> = {
  platform: runPlatformBench,
  tiering: (runtime) => runTieringBench(runtime, { closeCustomers: 10_000 }),
  monitoring: runMonitoringBench,
  campaigns: runCampaignsBench,
  performance: runPerformanceBench,
  workbench: runWorkbenchBench,
  web: runWebBench,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(`Unknown bench ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}

const runtime = await startLocalRuntime({
  port: 0,
  seed: 'demo',
  demoCustomers: 500,
  quiet: true,
  scheduleTimers: false,
  log: () => {},
});
console.log(`OCRM benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores`);
try {
  for (const [name, bench] of Object.entries(benches)) {
    if (wanted.length === 0 || wanted.includes(name)) await bench(runtime);
  }
} finally {
  await runtime.stop();
}
