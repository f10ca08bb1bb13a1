// The relationship graph (issue 17), after the pipelines:
// - transactions/s through the graph's stream consumer (its use case on the DynamoDB adapters:
//   edge, neighbour totals, payer set, many-to-one check) vs raw TransactWriteItems of the same
//   edges (claim + edge + neighbour puts, nothing read);
// - GET /v1/customers/{id}/graph p50/p99 for a customer with 1,000 counterparties vs a raw query
//   of those 1,000 neighbour items;
// - the many-to-one check's cost per payment as the payers of one account grow (it must stay flat).
import { ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#shared/adapters/query-all.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { dynamoGraphDeps } from '#shared/graph/deps.js';
import { graphOnTransaction } from '#shared/graph/on-transaction.js';
import { counterpartyNode } from '#shared/graph/counterparty.js';
import { contributionOf } from '#shared/graph/edges.js';
import { customerNode } from '#shared/graph/dynamo-graph.js';
import { rawTableName } from './raw.js';
import { perSecond } from './stats.js';
import { apiCaller, fmt, pool, report, summary } from './support.js';
import type { BenchOptions } from './options.js';

const COUNTERPARTIES = 1_000;
const READS = 200;
const PAYER_STEPS = [10, 100, 1_000];
const TIMED_PAYMENTS = 50;

let sequence = 0;
const payment = (customerId: string, account: string, date = '2026-11-19'): TransactionRecord => {
  const transactionId = `BG-${Date.now().toString(36)}-${++sequence}`;
  return {
    transactionId,
    customerId,
    accountId: '6222020000000001',
    assetClass: 'deposit',
    amountFen: -(10_000 + (sequence % 977) * 100),
    direction: 'out',
    channel: 'mobile',
    counterpartyAccount: account,
    counterpartyBank: '某商业银行',
    counterpartyName: '赵六',
    bookedAt: `${date}T02:00:00.000Z`,
    businessDate: date,
    receivedAt: `${date}T02:00:01.000Z`,
    bookedKey: `${date}T02:00:00.000Z#${transactionId}`,
  };
};
const accountOf = (i: number) => `62170099${String(i).padStart(8, '0')}`;

export const runGraphBench = async (runtime: LocalRuntime, options: BenchOptions) => {
  const deps = dynamoGraphDeps();
  // ---- throughput: graph consumer vs raw writes of the same edges
  const items = Math.min(options.items, 3_000);
  const txns = Array.from({ length: items }, (_, i) => payment(`BGC${i % 200}`, accountOf(i % 500)));
  let started = performance.now();
  await pool(txns.length, options.concurrency, async (i) => void (await graphOnTransaction(deps, txns[i]!)));
  const graphRate = perSecond(txns.length, performance.now() - started);
  const raw = rawTableName(runtime);
  started = performance.now();
  await pool(txns.length, options.concurrency, async (i) => {
    const txn = txns[i]!;
    const { edge, neighbour } = contributionOf(txn, counterpartyNode(deps.counterpartyKey, txn)!);
    const pk = `graph#${customerNode(txn.customerId)}`;
    await runtime.document.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: raw, Item: { pk, sk: `TX#${txn.transactionId}` } } },
          {
            Put: { TableName: raw, Item: { ...edge, pk, sk: `E#${edge.month}#${edge.counterpartyId}#out` } },
          },
          { Put: { TableName: raw, Item: { ...neighbour, pk, sk: `N#${neighbour.counterpartyId}` } } },
        ],
      }),
    );
  });
  const rawRate = perSecond(txns.length, performance.now() - started);
  report(
    `graph consumer, ${items} payments, ${options.concurrency} in flight`,
    fmt(graphRate),
    'tx/s',
    graphRate / rawRate,
  );

  // ---- neighbourhood of a customer with 1,000 counterparties
  const [customer] =
    (
      await runtime.document.send(
        new ScanCommand({
          TableName: runtime.tableName('customers'),
          Limit: 1,
          ProjectionExpression: 'customerId',
        }),
      )
    ).Items ?? [];
  const customerId = String(customer!.customerId);
  await pool(COUNTERPARTIES, options.concurrency, async (i) => {
    await graphOnTransaction(deps, {
      ...payment(customerId, accountOf(100_000 + i)),
      counterpartyBank: '本行',
    });
  });
  const call = apiCaller(runtime);
  const reads: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < READS; i++) {
    let t0 = performance.now();
    await call('admin', 'GET', `/v1/customers/${customerId}/graph`);
    reads.push(performance.now() - t0);
    t0 = performance.now();
    await queryAll(runtime.document, {
      TableName: runtime.tableName('relationship-graph'),
      KeyConditionExpression: 'nodeId = :n AND begins_with(#key, :p)',
      ExpressionAttributeNames: { '#key': 'key' },
      ExpressionAttributeValues: { ':n': customerNode(customerId), ':p': 'N#' },
    });
    raws.push(performance.now() - t0);
  }
  const read = summary(reads);
  const rawRead = summary(raws);
  const label = `neighbourhood GET (top 20 of ${COUNTERPARTIES} counterparties), ${READS} reads`;
  report(`${label}, p50`, fmt(read.p50, 1), 'ms', read.p50 / rawRead.p50);
  report(`${label}, p99`, fmt(read.p99, 1), 'ms', read.p99 / rawRead.p99);

  // ---- many-to-one check per payment as one account's payers grow
  const mule = accountOf(900_000);
  let payers = 0;
  for (const target of PAYER_STEPS) {
    const fill = target - payers;
    await pool(fill, options.concurrency, async (i) => {
      await graphOnTransaction(deps, payment(`BGP${payers + i}`, mule));
    });
    payers = target;
    const samples: number[] = [];
    for (let i = 0; i < TIMED_PAYMENTS; i++) {
      const t0 = performance.now();
      await graphOnTransaction(deps, payment(`BGP${payers + i}`, mule));
      samples.push(performance.now() - t0);
    }
    payers += TIMED_PAYMENTS;
    const s = summary(samples);
    report(`many-to-one: a new payer of an account with ${target} payers, p50`, fmt(s.p50, 1), 'ms');
  }
};
