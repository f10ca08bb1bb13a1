// `npm start`: the whole system on this machine. Flags: --port N, --data DIR, --empty, --now ISO,
// --customers N, --feed-rate N (demo transactions a second, default 2; 0 turns the feed off), --quiet,
// --sms sns|aliyun (the SMS channel the functions send through, to its local stand-in; default sns).
// Ctrl-C stops every part, DynamoDB Local included.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { JavaMissing } from './dynamo-local.js';
import { startLocalRuntime } from './runtime.js';
import { ensureWebBuilt } from './web-build.js';
import { localChannelEnv, localChannels, mountChannelStandIn } from './sms-channels/index.js';
import { isSmsChannel, type SmsChannelName } from '#shared/sms/channel.js';

/** Demo transactions a second: a few tier moves a minute in one RM's book, without loading the machine. */
const DEFAULT_FEED_RATE = 2;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    data: { type: 'string' },
    empty: { type: 'boolean', default: false },
    now: { type: 'string' },
    customers: { type: 'string' },
    'feed-rate': { type: 'string', default: String(DEFAULT_FEED_RATE) },
    quiet: { type: 'boolean', default: false },
    sms: { type: 'string', default: 'sns' },
  },
});

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be a port number, got ${values.port}`);
if (values.now !== undefined && Number.isNaN(Date.parse(values.now)))
  fail(`--now must be an ISO 8601 instant, got ${values.now}`);
const customers = values.customers === undefined ? undefined : Number(values.customers);
if (customers !== undefined && !(Number.isInteger(customers) && customers >= 0))
  fail('--customers must be a whole number');
const feedRate = Number(values['feed-rate']);
if (!(Number.isFinite(feedRate) && feedRate >= 0 && feedRate <= 1000))
  fail(`--feed-rate must be transactions a second between 0 and 1000, got ${values['feed-rate']}`);

const smsChannel: SmsChannelName =
  isSmsChannel(values.sms) && localChannels().includes(values.sms)
    ? values.sms
    : fail(`--sms must be one of ${localChannels().join(', ')}, got ${values.sms}`);
// the functions read the channel when they are first loaded: set before anything runs
if (port !== 0) Object.assign(process.env, localChannelEnv(smsChannel, `http://127.0.0.1:${port}`));

const started = performance.now();
// The web workbench: built on the first start (or after web/src changed); the API runs regardless.
const web = await ensureWebBuilt({ log: (line) => console.log(line) }).then(
  () => true,
  (error: unknown) => {
    console.error(`web: the build failed, the workbench is not served: ${(error as Error).message}`);
    return false;
  },
);
try {
  const runtime = await startLocalRuntime({
    port,
    dataDir: values.data ? resolve(values.data) : undefined,
    seed: values.empty ? 'empty' : 'demo',
    demoCustomers: customers,
    now: values.now,
    feed: { ratePerSecond: feedRate },
    quiet: values.quiet,
  });
  if (port === 0) Object.assign(process.env, localChannelEnv(smsChannel, runtime.url));
  mountChannelStandIn(runtime.sms, smsChannel, runtime.url);
  const feed = runtime.feed;
  const status = await runtime.streams.status();
  const lines = [
    '',
    `OCRM is running at ${runtime.url}  (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    '',
    web
      ? `  Web workbench    ${runtime.url}/   (sign in with a 工号 below)`
      : '  Web workbench    not built (npm run web:build)',
    `  DynamoDB Local   ${runtime.dynamoEndpoint}  ${values.data ? `data in ${resolve(values.data)}` : 'in memory'}  ${runtime.plan.routes.length} routes`,
    `  HTTP API         ${runtime.url}/v1/health   ·   OpenAPI ${runtime.url}/v1/openapi.json`,
    `  streams          ${status.map((s) => `${s.function} ← ${s.table}`).join(', ') || 'none'}`,
    smsChannel === 'sns'
      ? `  SMS gateway      SNS Publish at ${runtime.url}/_local/sns   ·   outbox ${runtime.url}/_local/sms   ·   other channels: --sms aliyun`
      : `  SMS gateway      ${smsChannel} at ${runtime.url}/ (its SDK's endpoint)   ·   outbox ${runtime.url}/_local/sms   ·   knobs ${runtime.url}/_local/sms/${smsChannel}/…`,
    `  schedules        ${
      runtime.schedules
        .names()
        .map((n) => `${n} (next ${runtime.schedules.next(n)?.toISOString() ?? '—'})`)
        .join(', ') || 'none'
    }`,
    `  clock            ${runtime.clock.now().toISOString()}${values.now ? ' (from --now)' : ''}`,
    feed
      ? `  feed             ${feed.ratePerSecond} transactions/s as core-banking → POST /v1/transactions, moving ${feed.customers} customers${feed.managerId ? ` of ${feed.managerId}` : ''}   ·   off: --feed-rate 0`
      : `  feed             off${feedRate > 0 ? ' (no demo customers)' : ''}   ·   on: --feed-rate N`,
    ...(feed?.managerId
      ? [
          `                   watch tiers move:  curl -H "Authorization: Bearer $(npm run -s token -- ${feed.managerId})" "${runtime.url}/v1/customers?tier=gold"`,
        ]
      : []),
    '',
    'Logins (print a token with `npm run token -- <staffId>`):',
    ...runtime.logins
      .slice(0, 12)
      .map((l) => `  ${l.staffId.padEnd(16)} ${l.role.padEnd(15)} ${l.name}  ${l.orgName}`),
    ...(runtime.logins.length > 12 ? [`  … and ${runtime.logins.length - 12} more: GET /v1/staff`] : []),
    '',
    'Try:  curl -H "Authorization: Bearer $(npm run -s token -- admin)" ' + runtime.url + '/v1/me',
    'Ctrl-C stops everything.',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissing) fail(error.message);
  throw error;
}
