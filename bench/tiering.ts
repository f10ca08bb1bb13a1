// Issue 3's figures, from one run on one DynamoDB Local:
//   AUM updates/s through the stream path (POST → transactions → stream → counters + tier evaluation)
//     and its ratio to raw TransactWriteItems of the same shape (claim + ADDs) in the same run;
//   month close customers/s over 10,000 customers (`closeCustomers`) and its ratio to a raw parallel scan of that table;
//   write units per transaction (ConsumedCapacity), and what a million transactions cost on demand.
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { system } from '#infra/declaration/index.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { businessDateOf } from '#shared/clock.js';
import { addMonths, monthOf } from '#shared/tiering/calendar.js';
import { capacityTally, resetCapacityTally } from '#shared/tiering/capacity.js';
import { closeMonth } from '#shared/tiering/month-close.js';
import { monthCloseDepsOn } from '#shared/tiering/deps.js';
import { fmt, line, pool, transactionPoster } from './support.js';

/** us-east-1 on-demand, since the November 2024 price cut; other regions (and China's, in CNY) differ. */
const USD_PER_MILLION_WRU = 0.625;
const USD_PER_MILLION_RRU = 0.125;

const STREAM_TRANSACTIONS = 3000;
const RAW_TRANSACTIONS = 3000;
const SEGMENTS = 8;

export const runTieringBench = async (runtime: LocalRuntime, options: { closeCustomers?: number } = {}) => {
  const closeCustomers = options.closeCustomers ?? 10_000;
  console.log('\nTiering (issue 3)');
  const today = businessDateOf(runtime.clock.now());
  const runId = Date.now().toString(36);

  // 1. raw TransactWriteItems of the same shape as an AUM update: claim marker + month counter ADDs
  const counters = runtime.tableName('aum-counters');
  let started = performance.now();
  await pool(RAW_TRANSACTIONS, 16, async (i) => {
    const customerId = `BRAW-${runId}-${i % 500}`;
    await runtime.document.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: counters,
              Item: { customerId, key: `TX#BRAW-${runId}-${i}`, amountFen: 10_000 },
              ConditionExpression: 'attribute_not_exists(#k)',
              ExpressionAttributeNames: { '#k': 'key' },
            },
          },
          {
            Update: {
              TableName: counters,
              Key: { customerId, key: `M#${monthOf(today)}` },
              UpdateExpression: 'ADD B_deposit :b, A_deposit :a, D01_deposit :b, n :one',
              ExpressionAttributeValues: { ':b': 10_000, ':a': 10_000, ':one': 1 },
            },
          },
        ],
      }),
    );
  });
  const rawRate = RAW_TRANSACTIONS / ((performance.now() - started) / 1000);
  line('raw TransactWriteItems, claim + ADDs (16 in flight)', `${fmt(rawRate)} updates/s`);

  // 2. the stream path: POST batches of 100 → transactions → stream → counters + real-time tier evaluation
  const post = await transactionPoster(runtime);
  await runtime.drained();
  resetCapacityTally();
  started = performance.now();
  await pool(STREAM_TRANSACTIONS / 100, 4, (b) =>
    post(
      Array.from({ length: 100 }, (_, j) => {
        const n = b * 100 + j;
        const amountFen = n % 5 === 4 ? -5_000 : 20_000 + n;
        return {
          transactionId: `BTIER-${runId}-${n}`,
          customerId: `BTIER-${runId}-${n % 500}`,
          accountId: 'A1',
          assetClass: n % 7 === 0 ? 'wealth' : 'deposit',
          amountFen,
          direction: amountFen > 0 ? 'in' : 'out',
          channel: 'core',
          bookedAt: runtime.clock.now().toISOString(),
          businessDate: today,
        };
      }),
    ),
  );
  await runtime.drained();
  const streamRate = STREAM_TRANSACTIONS / ((performance.now() - started) / 1000);
  const tally = capacityTally();
  line('HTTP → stream → counters + tier evaluation, batches of 100', `${fmt(streamRate)} updates/s`);
  line('  ratio to raw TransactWriteItems', `${fmt(streamRate / rawRate, 2)}×`);

  // 3. capacity per transaction, as DynamoDB Local reports it (it counts a transactional item as one
  //    unit; DynamoDB bills it as two, so the AWS figure doubles that part)
  const perTxn = (units: number) => units / STREAM_TRANSACTIONS;
  const localWrites = perTxn(tally.writeUnits);
  const billedWrites = perTxn(tally.writeUnits + tally.transactionalWriteUnits);
  const reads = perTxn(tally.readUnits);
  line('write units per transaction (ConsumedCapacity, DynamoDB Local)', fmt(localWrites, 2));
  line('  billed on DynamoDB (transactional items count twice)', `${fmt(billedWrites, 2)} WRU`);
  line('read units per transaction (consistent reads)', `${fmt(reads, 2)} RRU`);
  line(
    '  per million transactions, on demand (us-east-1)',
    `$${fmt(billedWrites * USD_PER_MILLION_WRU + reads * USD_PER_MILLION_RRU, 2)} ` +
      `(${fmt(billedWrites, 2)} × $${USD_PER_MILLION_WRU} writes + ${fmt(reads, 2)} × $${USD_PER_MILLION_RRU} reads)`,
  );

  // 4. month close over 10,000 customers, on tables of its own, against a raw parallel scan of them
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: process.env.AWS_REGION ?? 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const prefix = `${runtime.tablePrefix}bench-${runId}-`;
  const needed = [
    'customers',
    'aum-counters',
    'tier-state',
    'tier-changes',
    'tier-policy',
    'tier-month-close',
    'audit',
  ];
  const declared = system.tables.filter((t) => needed.includes(t.id));
  await ensureTables(client, prefix, declared);
  const names = (id: string) => physicalTableName(prefix, { id });
  const month = addMonths(monthOf(today), -1);
  try {
    const customers = Array.from({ length: closeCustomers }, (_, i) => ({
      customerId: `BC${String(i).padStart(6, '0')}`,
      name: '基准客户',
      tier: i % 10 === 0 ? 'gold' : 'standard',
      managerId: 'rm-bj-cy-wj-01',
      orgId: 'BJ-CY-WJ',
      orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
    }));
    // a fifth of them hold something last month: their close has counters to read and tiers to move
    const monthItems = customers
      .filter((_, i) => i % 5 === 0)
      .map((c, i) => ({
        customerId: c.customerId,
        key: `M#${month}`,
        month,
        B_deposit: (i % 40) * 2_000_000,
        A_deposit: (i % 40) * 2_000_000,
        D01_deposit: (i % 40) * 2_000_000,
        n: 1,
      }));
    const load = async (table: string, items: Record<string, unknown>[]) =>
      pool(Math.ceil(items.length / 25), 8, async (b) => {
        let requests = items.slice(b * 25, b * 25 + 25).map((Item) => ({ PutRequest: { Item } }));
        while (requests.length > 0) {
          const out = await document.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
          requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
        }
      });
    await load(names('customers'), customers);
    await load(names('aum-counters'), monthItems);

    started = performance.now();
    let scanned = 0;
    await Promise.all(
      Array.from({ length: SEGMENTS }, async (_, segment) => {
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await document.send(
            new ScanCommand({
              TableName: names('customers'),
              Segment: segment,
              TotalSegments: SEGMENTS,
              Limit: 100,
              ExclusiveStartKey,
              ProjectionExpression: 'customerId, tier, managerId, orgId, orgPath',
            }),
          );
          scanned += page.Items?.length ?? 0;
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
      }),
    );
    const scanRate = scanned / ((performance.now() - started) / 1000);
    line(
      `raw parallel scan of ${fmt(scanned)} customers (${SEGMENTS} segments)`,
      `${fmt(scanRate)} customers/s`,
    );

    // the segments side by side in this process, as the segment workers run them side by side deployed
    const deps = monthCloseDepsOn(document, names, runtime.clock);
    started = performance.now();
    const first = await closeMonth(deps, { month, totalSegments: SEGMENTS });
    const closeSeconds = (performance.now() - started) / 1000;
    const closeRate = first.customers / closeSeconds;
    line(
      `month close of ${month}, ${fmt(first.customers)} customers (${SEGMENTS} segments)`,
      `${fmt(closeRate)} customers/s`,
    );
    line('  ratio to the raw parallel scan', `${fmt(closeRate / scanRate, 3)}×`);
    line('  months closed, tier changes', `${fmt(first.monthsClosed)}, ${fmt(first.changed)}`);
    started = performance.now();
    const second = await closeMonth(deps, { month, totalSegments: SEGMENTS });
    const againRate = second.customers / ((performance.now() - started) / 1000);
    line(
      '  run again (idempotent: nothing to close)',
      `${fmt(againRate)} customers/s, ${second.changed} changes`,
    );
  } finally {
    await Promise.all(
      declared.map((t) =>
        client.send(new DeleteTableCommand({ TableName: names(t.id) })).catch(() => undefined),
      ),
    );
    client.destroy();
  }
};
