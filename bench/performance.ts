// Issue 6's figures, from one run on one DynamoDB Local: registrations/s end to end (POST → ledger →
// stream → aggregates → the leaderboard shows them) and the ratio to raw PutItem/s on the same
// DynamoDB Local; POST → leaderboard latency; leaderboard read latency for a branch of 200 RMs, with
// a raw query of the same index items beside it.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { currentMonth } from '#shared/performance/period.js';
import { fmt, line, pool, summary, apiCaller } from './support.js';

const BRANCH = 'PB';
const OUTLETS = 10;
const RMS = 200;
const REGISTRATIONS = 600;

const rmId = (i: number) => `pb-rm-${String(i + 1).padStart(3, '0')}`;
const outletOf = (i: number) => `PB-O${String((i % OUTLETS) + 1).padStart(2, '0')}`;
const customerOf = (i: number) => `PB-C${String(i + 1).padStart(3, '0')}`;

export const runPerformanceBench = async (runtime: LocalRuntime) => {
  console.log('\nPerformance registration and leaderboards (issue 6)');
  const call = apiCaller(runtime);

  // a branch of 200 RMs in 10 outlets, one customer each, one product
  await call('admin', 'PUT', `/v1/orgs/${BRANCH}`, { name: '压测分行', level: 'branch', parentId: 'HO' });
  await pool(OUTLETS, 4, async (o) => {
    await call('admin', 'PUT', `/v1/orgs/${outletOf(o)}`, {
      name: `压测网点${o + 1}`,
      level: 'outlet',
      parentId: BRANCH,
    });
  });
  await pool(RMS, 8, async (i) => {
    await call('admin', 'PUT', `/v1/staff/${rmId(i)}`, {
      name: `客户经理${i + 1}`,
      role: 'rm',
      orgId: outletOf(i),
    });
  });
  await pool(RMS, 8, async (i) => {
    await call('admin', 'POST', '/v1/customers', {
      customerId: customerOf(i),
      name: `压测客户${i + 1}`,
      orgId: outletOf(i),
      managerId: rmId(i),
      riskLevel: 'C5',
    });
  });
  await call('admin', 'POST', '/v1/products', {
    code: 'PB-WM',
    name: '压测理财',
    category: 'wealth',
    riskLevel: 'R3',
    weightBp: 12_500,
    saleStart: '2020-01-01',
  });
  const period = currentMonth(runtime.clock.now());
  const board = () => call('admin', 'GET', `/v1/leaderboards?orgId=${BRANCH}&period=${period}&limit=200`);
  let sequence = 0;
  const register = (i: number) =>
    call('core-banking', 'POST', '/v1/performance', {
      channel: 'batch',
      externalRef: `PB-${process.pid}-${++sequence}`,
      customerId: customerOf(i % RMS),
      productId: 'PB-WM',
      amountFen: 10_000 + (i % 997),
      credits: [{ staffId: rmId(i % RMS), sharePct: 100 }],
      occurredAt: runtime.clock.now().toISOString(),
    });
  const countOnBoard = async () => Number((await board()).total.count);

  // 1. raw PutItem/s into the same DynamoDB Local
  const RAW = 3000;
  const rawTable = runtime.tableName('performance-refs');
  let started = performance.now();
  await pool(RAW, 16, (i) =>
    runtime.document
      .send(new PutCommand({ TableName: rawTable, Item: { refKey: `RAW#${process.pid}#${i}`, at: i } }))
      .then(() => undefined),
  );
  const rawRate = RAW / ((performance.now() - started) / 1000);
  line('raw DynamoDB Local PutItem (16 in flight)', `${fmt(rawRate)} items/s`);

  // 2. end to end: POST → ledger → stream → aggregates, until the leaderboard counts every one
  await runtime.drained();
  const before = await countOnBoard();
  started = performance.now();
  await pool(REGISTRATIONS, 16, (i) => register(i).then(() => undefined));
  const posted = performance.now();
  while ((await countOnBoard()) < before + REGISTRATIONS) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - started) / 1000;
  const e2eRate = REGISTRATIONS / seconds;
  line(
    `registrations accepted over HTTP (${REGISTRATIONS}, 16 in flight)`,
    `${fmt(REGISTRATIONS / ((posted - started) / 1000))} registrations/s`,
  );
  line('registrations end to end (POST → leaderboard updated)', `${fmt(e2eRate)} registrations/s`);
  line('  ratio to raw PutItem', `${fmt(e2eRate / rawRate, 2)}×`);

  // 3. latency of one registration until the leaderboard shows it
  const latencies: number[] = [];
  for (let i = 0; i < 30; i++) {
    const expected = (await countOnBoard()) + 1;
    const t0 = performance.now();
    await register(i);
    while ((await countOnBoard()) < expected) await new Promise((r) => setTimeout(r, 2));
    latencies.push(performance.now() - t0);
  }
  const latency = summary(latencies);
  line(
    'POST → leaderboard updated latency (30 single posts)',
    `p50 ${fmt(latency.p50)} ms, p99 ${fmt(latency.p99)} ms`,
  );

  // 4. leaderboard reads for the branch of 200 RMs, and a raw query of the same index items
  await runtime.drained();
  const ranked = await board();
  const reads: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await board();
    reads.push(performance.now() - t0);
  }
  const read = summary(reads);
  const raws: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await runtime.document.send(
        new QueryCommand({
          TableName: runtime.tableName('performance-aggregates'),
          IndexName: 'byBoard',
          KeyConditionExpression: 'board = :b',
          ExpressionAttributeValues: { ':b': `${BRANCH}#${period}` },
          ExclusiveStartKey: start,
        }),
      );
      start = page.LastEvaluatedKey;
    } while (start);
    raws.push(performance.now() - t0);
  }
  const raw = summary(raws);
  line(
    `leaderboard GET, branch of ${ranked.items.length} RMs and ${ranked.units.length} units (200 reads)`,
    `p50 ${fmt(read.p50, 1)} ms, p99 ${fmt(read.p99, 1)} ms`,
  );
  line(
    '  raw index query of the same staff items',
    `p50 ${fmt(raw.p50, 1)} ms, p99 ${fmt(raw.p99, 1)} ms (${fmt(read.p50 / raw.p50, 1)}× at p50)`,
  );
};
