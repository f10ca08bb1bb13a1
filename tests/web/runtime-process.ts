// Run by global-setup.ts under tsx (Playwright's loader does not resolve the repo's `#infra/*`
// imports): one local runtime with its own DynamoDB Local and the demo bank on a free port. Prints
// `{"url": ...}` once ready; SIGTERM stops it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '#infra/local/runtime.js';
import { ensureWebBuilt } from '#infra/local/web-build.js';

/** Enough customers that 北京分行 (`bm-bj`) holds a whole book of 500+ (about 530) and an RM's book fills
 * the panels; few enough to seed in well under a minute. */
const DEMO_CUSTOMERS = 1_600;

await ensureWebBuilt({ log: (line) => console.error(line) });
const runtime = await startLocalRuntime({
  port: 0,
  seed: 'demo',
  demoCustomers: DEMO_CUSTOMERS,
  keyFile: join(mkdtempSync(join(tmpdir(), 'ocrm-web-key-')), 'key.json'),
  scheduleTimers: false,
  feed: false,
  quiet: true,
});
// the DynamoDB endpoint too: a spec that must write past the API (a poison stream record) can
console.log(
  JSON.stringify({
    url: runtime.url,
    dynamoEndpoint: runtime.dynamoEndpoint,
    tablePrefix: runtime.tablePrefix,
  }),
);
const stop = () => void runtime.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
