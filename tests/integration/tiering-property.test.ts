// The property: random transaction histories (signed deltas, dates across months, back-dated
// ones), delivered in random order, in random batches, with duplicates, through the real stream path
// (POST /v1/transactions → table → stream → handler) on DynamoDB Local. Every month-daily average
// equals a brute-force model that sums end-of-day balances day by day, and every tier decision (month
// closes with their buffer, then a real-time upgrade) equals the model's.
//
// Real-time upgrades are decided on what has arrived so far, so with out-of-order delivery they depend
// on the order. To compare decisions with a model that sees the whole history, the policy in force
// this month has unreachable thresholds while the history arrives; the month close then decides with
// the earlier months' policy, and a reachable policy for this month is put in force before one more
// transaction per customer, whose evaluation sees the final counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PutCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { TIERS, type Tier } from '#shared/customers/customer.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { putAndApprove } from '../support/maker-checker.js';

let runtime: LocalRuntime;
let api: ApiClient;

// 12:00 on 18 March 2026 in Shanghai; history from December 2025
const NOW = '2026-03-18T04:00:00.000Z';
const TODAY = '2026-03-18';
const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03'] as const;
const CLOSED = ['2025-12', '2026-01', '2026-02'] as const;
const CLASSES = ['deposit', 'insurance', 'wealth'] as const;
type Class = (typeof CLASSES)[number];

interface Policy {
  effectiveFrom: string;
  tiers: { tier: Tier; minAvgAumFen: number }[];
  weights: Partial<Record<Class, number>>;
  downgradeAfterMonths: number;
}
const THRESHOLDS: Policy['tiers'] = [
  { tier: 'standard', minAvgAumFen: 0 },
  { tier: 'gold', minAvgAumFen: 1_000_000 },
  { tier: 'platinum', minAvgAumFen: 5_000_000 },
  { tier: 'diamond', minAvgAumFen: 20_000_000 },
  { tier: 'private_banking', minAvgAumFen: 60_000_000 },
];
/** In force for the closed months. */
const CLOSING: Policy = {
  effectiveFrom: '2025-12-01',
  tiers: THRESHOLDS,
  weights: { insurance: 0.5, wealth: 0.8 },
  downgradeAfterMonths: 2,
};
/** In force in March while the history arrives: nothing reachable. */
const UNREACHABLE: Policy = {
  effectiveFrom: '2026-03-01',
  tiers: [
    { tier: 'standard', minAvgAumFen: 0 },
    { tier: 'gold', minAvgAumFen: 1_000_000_000_000_000 },
  ],
  weights: { wealth: 2 },
  downgradeAfterMonths: 3,
};
/** In force in March for the last, deciding evaluation. */
const MARCH: Policy = {
  effectiveFrom: '2026-03-01',
  tiers: THRESHOLDS,
  weights: { insurance: 0.25, wealth: 1.5 },
  downgradeAfterMonths: 3,
};

const ADMIN = 'admin';
const FEED = 'core-banking';

beforeAll(async () => {
  process.env.OCRM_TIER_POLICY_CACHE_SECONDS = '0';
  runtime = await startTestRuntime({ demoCustomers: 8, now: NOW });
  api = apiClient(runtime);
  expect((await putAndApprove(api, ADMIN, '/v1/tier-policy', CLOSING)).status).toBe(200);
});
afterAll(() => runtime?.stop());

// ------------------------------------------------------------------------------------------------
// The model: end-of-day balances day by day.

interface Change {
  assetClass: Class;
  amountFen: number;
  businessDate: string;
}

const daysIn = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const dateOf = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;
const floorDiv = (n: bigint, d: bigint) => (n >= 0n ? n / d : -((-n + d - 1n) / d));

const endOfDay = (changes: Change[], assetClass: Class, date: string) =>
  changes
    .filter((c) => c.assetClass === assetClass && c.businessDate <= date)
    .reduce((s, c) => s + BigInt(c.amountFen), 0n);

const sumOfDays = (changes: Change[], assetClass: Class, month: string, through: number) => {
  let sum = 0n;
  for (let day = 1; day <= through; day++) sum += endOfDay(changes, assetClass, dateOf(month, day));
  return sum;
};

const weightedSum = (policy: Policy, changes: Change[], month: string, through: number) =>
  CLASSES.reduce(
    (s, c) =>
      s + BigInt(Math.round((policy.weights[c] ?? 1) * 10_000)) * sumOfDays(changes, c, month, through),
    0n,
  );

const rank = (tier: Tier) => TIERS.indexOf(tier);

const qualifies = (policy: Policy, sum: bigint, days: number): Tier =>
  [...policy.tiers].reverse().find((t) => sum >= BigInt(t.minAvgAumFen) * 10_000n * BigInt(days))?.tier ??
  'standard';

interface ModelChange {
  month: string;
  fromTier: Tier;
  toTier: Tier;
  reason: string;
}

/** The month closes of February (and the months before it with any transaction), from standard. */
const modelCloses = (changes: Change[]) => {
  const first = changes.map((c) => c.businessDate.slice(0, 7)).sort()[0]!;
  const toClose = CLOSED.filter((m) => m >= (first < '2026-02' ? first : '2026-02'));
  const quality = (m: string) => qualifies(CLOSING, weightedSum(CLOSING, changes, m, daysIn(m)), daysIn(m));
  let tier: Tier = 'standard';
  const closes: unknown[][] = [];
  const moves: ModelChange[] = [];
  toClose.forEach((month, i) => {
    const q = quality(month);
    const before = tier;
    let below = 0;
    while (below <= i && rank(quality(toClose[i - below]!)) < rank(tier)) below++;
    if (rank(q) > rank(tier)) {
      tier = q;
      moves.push({ month, fromTier: before, toTier: q, reason: 'month_close' });
    } else if (below >= CLOSING.downgradeAfterMonths) {
      const window = toClose.slice(i - CLOSING.downgradeAfterMonths + 1, i + 1).map(quality);
      tier = window.reduce((best, t) => (rank(t) > rank(best) ? t : best));
      moves.push({ month, fromTier: before, toTier: tier, reason: 'downgrade_after_buffer' });
    }
    const avg = floorDiv(
      weightedSum(CLOSING, changes, month, daysIn(month)),
      10_000n * BigInt(daysIn(month)),
    );
    closes.push([month, q, before, tier, Number(avg), below]);
  });
  return { tier, closes, moves };
};

// ------------------------------------------------------------------------------------------------
// Histories and their delivery.

const change = fc
  .record({
    assetClass: fc.constantFrom(...CLASSES),
    month: fc.constantFrom(...MONTHS),
    day: fc.integer({ min: 1, max: 31 }),
    amountFen: fc.oneof(
      fc.integer({ min: -3_000_000, max: 6_000_000 }),
      fc.integer({ min: -40_000_000, max: 90_000_000 }),
    ),
  })
  .filter((c) => c.amountFen !== 0)
  .map(({ month, day, ...rest }): Change => ({
    ...rest,
    businessDate: dateOf(month, Math.min(day, daysIn(month))),
  }));

const scenario = fc.record({
  customers: fc.array(fc.array(change, { minLength: 1, maxLength: 16 }), { minLength: 1, maxLength: 3 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

/** A small seeded PRNG (mulberry32) for the delivery: order, batch sizes, duplicates. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Txn = Record<string, unknown> & { transactionId: string };

const deliver = async (transactions: Txn[], random: () => number) => {
  const order = transactions
    .map((t) => ({ t, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.t);
  const posted: Txn[][] = [];
  const table = runtime.tableName('transactions');
  let duplicates = 0;
  for (let i = 0; i < order.length;) {
    const size = 1 + Math.floor(random() * 8);
    const batch = order.slice(i, i + size);
    i += size;
    // a batch may carry one of its own transactions twice (the same content: accepted, counted once)
    const body = random() < 0.2 ? [...batch, batch[0]!] : batch;
    expect((await api.post(FEED, '/v1/transactions', { transactions: body })).status).toBe(200);
    posted.push(batch);
    if (random() < 0.35) {
      // an earlier batch again, retried by the sender
      const again = posted[Math.floor(random() * posted.length)]!;
      expect((await api.post(FEED, '/v1/transactions', { transactions: again })).status).toBe(200);
      duplicates++;
    }
    if (random() < 0.35) {
      // an earlier transaction's item rewritten: the stream brings the same transaction again (MODIFY)
      const flat = posted.flat();
      const again = flat[Math.floor(random() * flat.length)]!;
      const { Item } = await runtime.document.send(
        new GetCommand({ TableName: table, Key: { transactionId: again.transactionId } }),
      );
      await runtime.document.send(
        new PutCommand({
          TableName: table,
          Item: { ...Item, receivedAt: new Date(Date.now() + duplicates).toISOString() },
        }),
      );
      duplicates++;
    }
  }
  await runtime.drained();
};

let runNumber = 0;
const reasonsSeen = new Set<string>();

/** One history that surely walks every rule: diamond at December's close, down after the 2-month buffer, up again in March. */
const EVERY_RULE: Change[] = [
  { assetClass: 'wealth', amountFen: 25_000_000, businessDate: '2025-12-01' }, // ¥250k × 0.8 = ¥200k: diamond
  { assetClass: 'wealth', amountFen: -23_750_000, businessDate: '2026-01-01' }, // ¥12.5k × 0.8 = ¥10k: gold
  { assetClass: 'deposit', amountFen: 90_000_000, businessDate: '2026-03-10' }, // March: diamond guaranteed
  { assetClass: 'insurance', amountFen: 4_000_000, businessDate: '2026-03-25' }, // dated after today: not yet
];

describe('month-daily-average AUM and tiers through the stream, against a day-by-day model', () => {
  it('agree for random histories in random order, batches and duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ customers, seed }) => {
        runNumber += 1;
        const random = prng(seed);
        expect((await putAndApprove(api, ADMIN, '/v1/tier-policy', UNREACHABLE)).status).toBe(200);
        const ids = customers.map((_, k) => `P${runNumber}X${k}`);
        for (const customerId of ids) {
          const created = await api.post(ADMIN, '/v1/customers', {
            customerId,
            name: `测试${customerId}`,
            orgId: 'BJ-CY-WJ',
            managerId: 'rm-bj-cy-wj-01',
          });
          expect(created.status).toBe(201);
        }
        const transactions: Txn[] = customers.flatMap((changes, k) =>
          changes.map((c, i) => ({
            transactionId: `${ids[k]}-T${i}`,
            customerId: ids[k]!,
            accountId: `A-${ids[k]}-${c.assetClass}`,
            assetClass: c.assetClass,
            amountFen: c.amountFen,
            direction: c.amountFen > 0 ? 'in' : 'out',
            channel: 'core',
            bookedAt: `${c.businessDate}T03:00:00.000Z`,
            businessDate: c.businessDate,
          })),
        );
        await deliver(transactions, random);

        for (const [k, customerId] of ids.entries()) {
          const changes = customers[k]!;
          // the counters themselves: B = Σ Δ and A = Σ Δ·day per month and class, exactly
          const { Items = [] } = await runtime.document.send(
            new QueryCommand({
              TableName: runtime.tableName('aum-counters'),
              KeyConditionExpression: 'customerId = :c AND begins_with(#k, :m)',
              ExpressionAttributeNames: { '#k': 'key' },
              ExpressionAttributeValues: { ':c': customerId, ':m': 'M#' },
            }),
          );
          for (const item of Items) {
            for (const c of CLASSES) {
              const mine = changes.filter(
                (x) => x.assetClass === c && x.businessDate.startsWith(String(item.month)),
              );
              expect(item[`B_${c}`] ?? 0).toBe(mine.reduce((s, x) => s + x.amountFen, 0));
              expect(item[`A_${c}`] ?? 0).toBe(
                mine.reduce((s, x) => s + x.amountFen * Number(x.businessDate.slice(8)), 0),
              );
            }
          }
          expect(Items.length).toBe(new Set(changes.map((c) => c.businessDate.slice(0, 7))).size);

          // the averages, as the API shows them, against the day-by-day model
          const { status, body: aum } = await api.get(ADMIN, `/v1/customers/${customerId}/aum?months=3`);
          expect(status).toBe(200);
          for (const figures of [...aum.months, aum.monthToDate]) {
            const month = figures.month as string;
            const through = month === '2026-03' ? 18 : daysIn(month);
            const policy = month === '2026-03' ? UNREACHABLE : CLOSING;
            expect(figures.days).toBe(through);
            for (const c of CLASSES) {
              expect(figures.byAssetClass[c], `${customerId} ${month} ${c}`).toBe(
                Number(floorDiv(sumOfDays(changes, c, month, through), BigInt(through))),
              );
              expect(figures.closingBalanceFen[c]).toBe(Number(endOfDay(changes, c, dateOf(month, through))));
            }
            expect(figures.avgAumFen, `${customerId} ${month}`).toBe(
              Number(floorDiv(weightedSum(policy, changes, month, through), 10_000n * BigInt(through))),
            );
          }
          for (const c of CLASSES) expect(aum.balances[c]).toBe(Number(endOfDay(changes, c, TODAY)));
          expect(aum.tier.current).toBe('standard');
        }

        // the month close: February, and the months before it the customer has AUM in
        const run = await runtime.schedules.run('tiering-month-close');
        expect(run?.ok, run?.error).toBe(true);
        // its segments run as their own invocations, from the tasks stream
        for (const deadline = Date.now() + 120_000; ;) {
          await runtime.drained();
          const { body } = await api.get(ADMIN, '/v1/tier-month-close/2026-02');
          if (body.status === 'done') break;
          expect(Date.now(), 'month close of 2026-02 still running').toBeLessThan(deadline);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const expected = customers.map(modelCloses);
        for (const [k, customerId] of ids.entries()) {
          const { body: history } = await api.get(ADMIN, `/v1/customers/${customerId}/tier-history`);
          expect(
            [...history.closes]
              .reverse()
              .map((c: Record<string, unknown>) => [
                c.month,
                c.qualifies,
                c.tierBefore,
                c.tierAfter,
                c.avgAumFen,
                c.belowMonths,
              ]),
            customerId,
          ).toEqual(expected[k]!.closes);
          expect(
            [...history.items].reverse().map(({ month, fromTier, toTier, reason }: ModelChange) => ({
              month,
              fromTier,
              toTier,
              reason,
            })),
            customerId,
          ).toEqual(expected[k]!.moves);
          expect((await api.get(ADMIN, `/v1/customers/${customerId}`)).body.tier).toBe(expected[k]!.tier);
        }

        // March's policy in force, one more transaction each: upgrade at once if March is guaranteed
        expect((await putAndApprove(api, ADMIN, '/v1/tier-policy', MARCH)).status).toBe(200);
        const nudges = ids.map((customerId) => ({
          transactionId: `${customerId}-NUDGE`,
          customerId,
          accountId: `A-${customerId}-deposit`,
          assetClass: 'deposit',
          amountFen: 1,
          direction: 'in',
          channel: 'core',
          bookedAt: NOW,
          businessDate: TODAY,
        }));
        expect((await api.post(FEED, '/v1/transactions', { transactions: nudges })).status).toBe(200);
        await runtime.drained();
        for (const [k, customerId] of ids.entries()) {
          const changes: Change[] = [
            ...customers[k]!,
            { assetClass: 'deposit', amountFen: 1, businessDate: TODAY },
          ];
          const guaranteed = qualifies(MARCH, weightedSum(MARCH, changes, '2026-03', 18), daysIn('2026-03'));
          const before = expected[k]!.tier;
          const tier = rank(guaranteed) > rank(before) ? guaranteed : before;
          expect((await api.get(ADMIN, `/v1/customers/${customerId}`)).body.tier, customerId).toBe(tier);
          const { body: history } = await api.get(ADMIN, `/v1/customers/${customerId}/tier-history?limit=1`);
          for (const move of expected[k]!.moves) reasonsSeen.add(move.reason);
          if (tier !== before) reasonsSeen.add('month_to_date_guaranteed');
          if (tier !== before) {
            expect(history.items[0]).toMatchObject({
              reason: 'month_to_date_guaranteed',
              fromTier: before,
              toTier: tier,
              month: '2026-03',
            });
          } else {
            expect(history.items.length === 0 || history.items[0].reason !== 'month_to_date_guaranteed').toBe(
              true,
            );
          }
        }
      }),
      { numRuns: 15, endOnFailure: true, examples: [[{ customers: [EVERY_RULE], seed: 7 }]] },
    );
    expect(reasonsSeen).toEqual(
      new Set(['month_close', 'downgrade_after_buffer', 'month_to_date_guaranteed']),
    );
  }, 900_000);
});
