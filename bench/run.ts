// `npm run bench`: starts its own DynamoDB Local and the local runtime, then runs each capability's
// benchmark side by side in this one run, printing figures and ratios (no assertions).
import { startLocalRuntime } from '#infra/local/runtime.js';
import { runPlatformBench } from './platform.js';
import { runPerformanceBench } from './performance.js';

const runtime = await startLocalRuntime({
  port: 0,
  seed: 'demo',
  demoCustomers: 500,
  quiet: true,
  scheduleTimers: false,
  log: () => {},
});
console.log(
  `OCRM benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
);
try {
  await runPlatformBench(runtime);
  await runPerformanceBench(runtime);
} finally {
  await runtime.stop();
}
