// A customer's transactions of a batch taken together (applyTransactions: one coalesced counter
// write per ≤ 100 items, one evaluation stepping through them) leave what applyTransaction one record
// at a time leaves: the same counters and claims, the same tier, outlook and tier changes — for random
// transactions, delivered in random batches with replays inside a batch, replays of earlier batches
// and transactions claimed before the batch came (a retried delivery), on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import fc from 'fast-check';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { system } from '#infra/declaration/index.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { fixedClock } from '#shared/clock.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { applyTransaction, applyTransactions } from '#shared/tiering/apply-transaction.js';
import { monthCloseDepsOn } from '#shared/tiering/deps.js';
import type { TieringDeps } from '#shared/tiering/evaluate.js';
import { uniquePrefix } from '../support/local-runtime.js';

const NOW = '2026-03-18T04:00:00.000Z';
const TABLES = ['aum-counters', 'tier-state', 'tier-changes', 'tier-policy', 'customers', 'audit'];
const CLASSES = ['deposit', 'insurance', 'wealth'] as const;
const DATES = ['2026-02-03', '2026-02-27', '2026-03-01', '2026-03-10', '2026-03-18', '2026-03-25'];

let client: DynamoDBClient;
let document: DynamoDBDocumentClient;

/** A world of its own: the tiering tables under a fresh prefix. */
const world = async () => {
  const prefix = uniquePrefix('coalesce');
  const declared = system.tables.filter((t) => TABLES.includes(t.id));
  await ensureTables(client, prefix, declared);
  const names = (id: string) => physicalTableName(prefix, { id });
  const deps: TieringDeps = monthCloseDepsOn(document, names, fixedClock(NOW));
  return { deps, names };
};

beforeAll(() => {
  client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  document = DynamoDBDocumentClient.from(client);
});
afterAll(() => client?.destroy());

const transaction = (customerId: string, n: number, spec: Spec): TransactionRecord => ({
  transactionId: `${customerId}-T${n}`,
  customerId,
  accountId: `A-${customerId}-${spec.assetClass}`,
  assetClass: spec.assetClass,
  amountFen: spec.amountFen,
  direction: spec.amountFen > 0 ? 'in' : 'out',
  channel: 'core',
  bookedAt: `${spec.businessDate}T03:00:00.000Z`,
  businessDate: spec.businessDate,
  receivedAt: NOW,
  bookedKey: `${spec.businessDate}T03:00:00.000Z#${customerId}-T${n}`,
});

const spec = fc.record({
  assetClass: fc.constantFrom(...CLASSES),
  businessDate: fc.constantFrom(...DATES),
  amountFen: fc
    .oneof(
      fc.integer({ min: -3_000_000, max: 9_000_000 }),
      fc.integer({ min: -90_000_000, max: 400_000_000 }),
    )
    .filter((a) => a !== 0),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  customers: fc.array(fc.array(spec, { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 3 }),
  /** the stream: picks of transactions (by index into all of them), so replays come anywhere */
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
  /** transactions claimed (and evaluated) before the stream, by an earlier delivery */
  before: fc.array(fc.nat(), { maxLength: 4 }),
  /** batch sizes the stream is cut into */
  cuts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }),
  /** the customers' last closed month (a back-dated February change may correct it) */
  closed: fc.boolean(),
});

/** What a world holds for a customer: counters, claims, standing and tier changes (ids aside). */
const holdings = async ({ deps, names }: Awaited<ReturnType<typeof world>>, customerId: string) => {
  const { Items = [] } = await document.send(
    new QueryCommand({
      TableName: names('aum-counters'),
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': customerId },
      ConsistentRead: true,
    }),
  );
  const counters = Items.filter((i) => String(i.key).startsWith('M#'));
  const claims = Items.filter((i) => String(i.key).startsWith('TX#'))
    .map(({ appliedAt: _, ...claim }) => claim)
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
  const state = await deps.tiers.getState(customerId);
  const history = await deps.tiers.history(customerId, 100);
  return {
    counters,
    claims,
    tier: state?.tier,
    outlook: state?.outlook,
    closedThrough: state?.closedThrough,
    changes: [...history.items].reverse().map(({ changeId: _, ...change }) => change),
  };
};

describe('a customer’s transactions of a batch together', () => {
  it('leave what one at a time leaves, under replays and any cut into batches', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ customers, picks, before, cuts, closed }) => {
        const [single, together] = await Promise.all([world(), world()]);
        const ids = customers.map((_, k) => `C${k}`);
        const all = customers.flatMap((specs, k) => specs.map((s, n) => transaction(ids[k]!, n, s)));
        for (const w of [single, together]) {
          if (closed) {
            for (const customerId of ids) {
              await w.deps.tiers.commit({
                state: { customerId, tier: 'standard', version: 1, closedThrough: '2026-02', updatedAt: NOW },
              });
            }
          }
          for (const b of before) await applyTransaction(w.deps, all[b % all.length]!);
        }
        const stream = picks.map((p) => all[p % all.length]!);

        for (const txn of stream) await applyTransaction(single.deps, txn);
        let at = 0;
        for (let c = 0; at < stream.length; c++) {
          const size = cuts[c % cuts.length]!;
          const batch = stream.slice(at, at + size);
          at += size;
          // as the stream handler gives them: one customer's records at a time, in stream order
          for (const customerId of new Set(batch.map((t) => t.customerId))) {
            await applyTransactions(
              together.deps,
              batch.filter((t) => t.customerId === customerId),
            );
          }
        }
        for (const customerId of ids) {
          expect(await holdings(together, customerId), customerId).toEqual(
            await holdings(single, customerId),
          );
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('a customer’s 130 transactions of one batch: chunked into transactions of at most 100 items, each counted once', async () => {
    const w = await world();
    const specs = Array.from({ length: 130 }, (_, n): Spec => ({
      assetClass: CLASSES[n % 3]!,
      businessDate: DATES[n % DATES.length]!,
      amountFen: (n % 2 ? -1 : 1) * (1_000 + n),
    }));
    const txns = specs.map((s, n) => transaction('BIG', n, s));
    // ten of them claimed before (a retried delivery): left out, the others go on
    for (const txn of txns.slice(40, 50)) await applyTransaction(w.deps, txn);
    const kinds = await applyTransactions(w.deps, [...txns, txns[3]!]);
    expect(kinds.filter((k) => k === 'applied')).toHaveLength(120);
    expect(kinds.slice(40, 50).every((k) => k === 'duplicate')).toBe(true);
    expect(kinds[130]).toBe('duplicate');

    const { counters, claims } = await holdings(w, 'BIG');
    expect(claims).toHaveLength(130);
    for (const item of counters) {
      const mine = specs.filter((s) => s.businessDate.startsWith(String(item.month)));
      expect(item.n).toBe(mine.length);
      for (const c of CLASSES) {
        const of = mine.filter((s) => s.assetClass === c);
        expect(item[`B_${c}`] ?? 0).toBe(of.reduce((s, x) => s + x.amountFen, 0));
        expect(item[`A_${c}`] ?? 0).toBe(
          of.reduce((s, x) => s + x.amountFen * Number(x.businessDate.slice(8)), 0),
        );
      }
    }
  });
});
