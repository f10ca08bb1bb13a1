// `npm start`: the whole system on this machine. Flags: --port N, --data DIR, --empty, --now ISO,
// --customers N, --quiet. Ctrl-C stops every part, DynamoDB Local included.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { JavaMissing } from './dynamo-local.js';
import { startLocalRuntime } from './runtime.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    data: { type: 'string' },
    empty: { type: 'boolean', default: false },
    now: { type: 'string' },
    customers: { type: 'string' },
    quiet: { type: 'boolean', default: false },
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

const started = performance.now();
try {
  const runtime = await startLocalRuntime({
    port,
    dataDir: values.data ? resolve(values.data) : undefined,
    seed: values.empty ? 'empty' : 'demo',
    demoCustomers: customers,
    now: values.now,
    quiet: values.quiet,
  });
  const status = await runtime.streams.status();
  const lines = [
    '',
    `OCRM is running at ${runtime.url}  (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    '',
    `  DynamoDB Local   ${runtime.dynamoEndpoint}  ${values.data ? `data in ${resolve(values.data)}` : 'in memory'}  ${runtime.plan.routes.length} routes`,
    `  HTTP API         ${runtime.url}/v1/health   ·   OpenAPI ${runtime.url}/v1/openapi.json`,
    `  streams          ${status.map((s) => `${s.function} ← ${s.table}`).join(', ') || 'none'}`,
    `  SMS gateway      SNS Publish at ${runtime.url}/_local/sns   ·   outbox ${runtime.url}/_local/sms`,
    `  schedules        ${
      runtime.schedules
        .names()
        .map((n) => `${n} (next ${runtime.schedules.next(n)?.toISOString() ?? '—'})`)
        .join(', ') || 'none'
    }`,
    `  clock            ${runtime.clock.now().toISOString()}${values.now ? ' (from --now)' : ''}`,
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
