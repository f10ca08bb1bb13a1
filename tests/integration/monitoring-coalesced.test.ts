// A customer's transactions of a batch taken together (processCustomerTransactions: one coalesced
// state write per ≤ 100 items, one read of the history) leave what processTransaction one record at
// a time leaves — the same state (claims, day totals, payer days), fund flows, org cells, outcomes
// and alerts — for random transactions in random batches, with replays inside a batch, replays of
// earlier batches and transactions claimed before, on DynamoDB Local (the state adapter's own reads).
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import fc from 'fast-check';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { system } from '#infra/declaration/index.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { tableEnvName, tableName } from '#shared/adapters/tables.js';
import { fixedClock } from '#shared/clock.js';
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import { addDays } from '#shared/monitoring/days.js';
import { dynamoMonitoringState } from '#shared/monitoring/dynamo-state.js';
import { MemoryAlerts, fixedRules, fixedThresholds, memoryCustomers } from '#shared/monitoring/memory.js';
import { processCustomerTransactions, type CustomerBatchDeps } from '#shared/monitoring/process-customer.js';
import { processTransaction, type ProcessOutcome } from '#shared/monitoring/process-transaction.js';
import { OWN_BANKS, THREE_TIERS } from '../support/monitoring.js';
import { uniquePrefix } from '../support/local-runtime.js';

const TABLES = ['monitoring-state', 'fund-flows', 'monitoring-aggregates'];
/** One-day dedup windows: fewer firings hidden behind an alert already raised. */
const SHARP_RULES = DEFAULT_RULES.map((r) => ({ ...r, dedup: { windowDays: 1 } }));
const NOW = '2026-05-30T00:00:00.000Z';
const EDGE_DAYS = [0, 1, 2, 7, 8, 25, 26, 35, 36, 37];

let document: DynamoDBDocumentClient;
let run = 0;

beforeAll(async () => {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const prefix = uniquePrefix('moncoalesce');
  const declared = system.tables.filter((t) => TABLES.includes(t.id));
  await ensureTables(client, prefix, declared);
  for (const table of declared) process.env[tableEnvName(table.id)] = physicalTableName(prefix, table);
  document = DynamoDBDocumentClient.from(client);
});

const customerOf = (world: string, i: number, tier: Customer['tier']): Customer => ({
  customerId: `${world}-C${i}`,
  name: `${world}-C${i}`,
  orgId: `${world}-OUT`,
  orgPath: `/HO/${world}/${world}-OUT/`,
  branchId: world,
  scopeKey: `/HO/${world}/${world}-OUT/${world}-C${i}`,
  managerId: 'rm-1',
  tier,
  smsConsent: true,
  tags: [],
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  version: 1,
});

const transactionSpec = fc.record({
  customer: fc.constantFrom(0, 0, 1, 2),
  day: fc.integer({ min: 0, max: 60 }),
  onEdge: fc.boolean(),
  amount: fc.oneof(
    fc.integer({ min: 1, max: 300_000 }),
    fc.constantFrom(1_000_000, 4_999_999, 5_000_000, 10_000_000, 50_000_000),
  ),
  out: fc.boolean(),
  channel: fc.constantFrom('counter', 'atm', 'mobile'),
  counterpartyBank: fc.constantFrom(undefined, '本行', '招商银行'),
  counterpartyName: fc.constantFrom(undefined, 'ACME', 'ACME', '北京某科技有限公司'),
  category: fc.constantFrom(undefined, 'salary', 'maturity'),
});

const scenario = fc.record({
  tiers: fc.tuple(...[0, 1, 2].map(() => fc.constantFrom<Customer['tier']>('standard', 'gold'))),
  /** customer 2 is not one we manage (its flows are kept, no rules run) */
  unmanaged: fc.boolean(),
  specs: fc.array(transactionSpec, { minLength: 1, maxLength: 24 }),
  /** the stream: picks of transactions by index, replays anywhere */
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 36 }),
  before: fc.array(fc.nat(), { maxLength: 3 }),
  cuts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 10 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const transactionsOf = (world: string, s: Scenario): TransactionRecord[] =>
  s.specs.map((spec, i) => {
    const businessDate = addDays(
      '2026-04-01',
      spec.onEdge ? EDGE_DAYS[spec.day % EDGE_DAYS.length]! : spec.day,
    );
    const bookedAt = `${businessDate}T02:00:00.000Z`;
    const transactionId = `${world}-T${String(i).padStart(3, '0')}`;
    return {
      transactionId,
      customerId: `${world}-C${spec.customer}`,
      accountId: 'A1',
      assetClass: 'deposit',
      amountFen: spec.out ? -spec.amount : spec.amount,
      direction: spec.out ? 'out' : 'in',
      channel: spec.channel as TransactionRecord['channel'],
      ...(spec.counterpartyBank ? { counterpartyBank: spec.counterpartyBank } : {}),
      ...(spec.counterpartyName ? { counterpartyName: spec.counterpartyName } : {}),
      ...(spec.category ? { category: spec.category as TransactionRecord['category'] } : {}),
      bookedAt,
      businessDate,
      receivedAt: bookedAt,
      bookedKey: `${bookedAt}#${transactionId}`,
    };
  });

const worldOf = (world: string, s: Scenario) => {
  const customers = s.tiers
    .map((tier, i) => customerOf(world, i, tier))
    .filter((c) => !(s.unmanaged && c.customerId.endsWith('C2')));
  const alerts = new MemoryAlerts();
  const deps: CustomerBatchDeps = {
    customers: memoryCustomers(customers),
    rules: fixedRules(SHARP_RULES),
    state: dynamoMonitoringState(document),
    aum: { balances: async () => ({ previousCloseFen: 3_000_000, monthStartFen: 2_000_000 }) },
    thresholds: fixedThresholds(THREE_TIERS),
    alerts,
    clock: fixedClock(NOW),
    ownBanks: OWN_BANKS,
  };
  return { deps, alerts, transactions: transactionsOf(world, s) };
};

/** Everything a world wrote, its own name taken out so two worlds compare. */
const holdings = async (world: string, outcomes: ProcessOutcome[], alerts: MemoryAlerts) => {
  const items = async (table: string, partition: string, value: string) =>
    (
      await document.send(
        new QueryCommand({
          TableName: tableName(table),
          KeyConditionExpression: '#p = :v',
          ExpressionAttributeNames: { '#p': partition },
          ExpressionAttributeValues: { ':v': value },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  const perCustomer = await Promise.all(
    [0, 1, 2].map(async (i) => [
      await items('monitoring-state', 'customerId', `${world}-C${i}`),
      await items('fund-flows', 'customerId', `${world}-C${i}`),
    ]),
  );
  const { Items: cells = [] } = await document.send(
    new ScanCommand({ TableName: tableName('monitoring-aggregates'), ConsistentRead: true }),
  );
  const mine = cells
    .filter((c) => String(c.aggregateKey).startsWith(`outflow#${world}#`))
    .sort((a, b) => `${a.aggregateKey}${a.scopeKey}`.localeCompare(`${b.aggregateKey}${b.scopeKey}`));
  // an alert's id is a hash of its customer's: left out, the rest compared
  const named = (value: unknown) =>
    JSON.stringify(value, (key, v: unknown) => (key === 'alertId' ? undefined : v)).replaceAll(world, 'W');
  const all = { perCustomer, cells: mine, outcomes, alerts: [...alerts.alerts.values()].map(named).sort() };
  return JSON.parse(named(all)) as unknown;
};

describe('a customer’s transactions of a batch together', () => {
  it('leave what one at a time leaves: state, flows, org cells, outcomes and alerts', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        run += 1;
        const single = worldOf(`S${run}S`, s);
        const together = worldOf(`G${run}G`, s);
        const singleOutcomes: ProcessOutcome[] = [];
        const togetherOutcomes: ProcessOutcome[] = [];
        for (const w of [single, together]) {
          for (const b of s.before)
            await processTransaction(w.deps, w.transactions[b % w.transactions.length]!);
        }
        const streamOf = (w: typeof single) => s.picks.map((p) => w.transactions[p % w.transactions.length]!);
        for (const txn of streamOf(single)) singleOutcomes.push(await processTransaction(single.deps, txn));

        const stream = streamOf(together);
        let at = 0;
        for (let c = 0; at < stream.length; c++) {
          const batch = stream.slice(at, at + s.cuts[c % s.cuts.length]!);
          // as the stream handler gives them: one customer's records at a time, in stream order
          const outcomes = new Map<number, ProcessOutcome>();
          for (const customerId of new Set(batch.map((t) => t.customerId))) {
            const positions = batch.flatMap((t, i) => (t.customerId === customerId ? [i] : []));
            const mine = await processCustomerTransactions(
              together.deps,
              positions.map((i) => batch[i]!),
            );
            positions.forEach((i, k) => outcomes.set(i, mine[k]!));
          }
          batch.forEach((_, i) => togetherOutcomes.push(outcomes.get(i)!));
          at += batch.length;
        }
        const expected = await holdings(`S${run}S`, singleOutcomes, single.alerts);
        const actual = await holdings(`G${run}G`, togetherOutcomes, together.alerts);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 30, endOnFailure: true },
    );
  });
});
