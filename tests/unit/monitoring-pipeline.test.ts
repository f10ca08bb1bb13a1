// The property: for random streams of transactions, the alerts the pipeline raises (state
// store, compiled rules, conditional puts) are those of the reference evaluator, which sees the whole
// stream at once and reads the rules as JSON. Delivery is what DynamoDB Streams gives: at least once
// (replays anywhere later), and each transaction its own item, so no order within a business day.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import { processTransaction } from '#shared/monitoring/process-transaction.js';
import { referenceAlerts } from '#shared/monitoring/reference.js';
import { addDays } from '#shared/monitoring/days.js';
import { monitoringWorld, OWN_BANKS, THREE_TIERS as THRESHOLDS } from '../support/monitoring.js';
import type { TriggerRule } from '#shared/monitoring/rule.js';

const EDGE_DAYS = [0, 1, 2, 7, 8, 25, 26, 35, 36, 37, 180, 181, 187, 215, 216];
/** The built-in rules with one-day dedup windows: fewer firings hidden behind an alert already raised. */
const SHARP_RULES = DEFAULT_RULES.map((r) => ({ ...r, dedup: { windowDays: 1 } }));

const customerOf = (customerId: string, tier: Customer['tier']): Customer => ({
  customerId,
  name: customerId,
  orgId: 'BJ-CY-WJ',
  orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  branchId: 'BJ',
  scopeKey: `/HO/BJ/BJ-CY/BJ-CY-WJ/${customerId}`,
  managerId: 'rm-1',
  tier,
  smsConsent: true,
  tags: [],
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  version: 1,
});

const amount = fc.oneof(
  fc.integer({ min: 1, max: 300_000 }),
  fc.constantFrom(1_000_000, 3_000_000, 4_999_999, 5_000_000, 5_000_001, 10_000_000, 49_999_999, 50_000_000),
  fc.integer({ min: 1, max: 60_000_000 }),
);

const transactionSpec = fc.record({
  customer: fc.constantFrom(0, 0, 0, 1, 2),
  day: fc.integer({ min: 0, max: 240 }),
  /** on a day whose gaps to the other edge days sit on the rules' boundaries (7, 25, 35, 180 days ± 1) */
  onEdge: fc.boolean(),
  second: fc.integer({ min: 0, max: 86_399 }),
  amount,
  out: fc.boolean(),
  assetClass: fc.constantFrom('deposit', 'deposit', 'time_deposit', 'wealth'),
  channel: fc.constantFrom('counter', 'atm', 'mobile', 'batch'),
  counterpartyBank: fc.constantFrom(undefined, undefined, '本行', '招商银行', '工商银行'),
  counterpartyName: fc.constantFrom(undefined, 'ACME', 'ACME', '北京某科技有限公司'),
  category: fc.constantFrom(undefined, undefined, 'salary', 'maturity', 'transfer'),
  // delivery: where it falls within its day, and whether (and how much later) it is delivered again
  order: fc.double({ min: 0, max: 1, noNaN: true }),
  replayAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
});

const scenario = fc.record({
  // dense streams exercise the windows' edges, sparse ones the dormancy and the payer ranges
  span: fc.constantFrom(14, 40, 240),
  tiers: fc.tuple(...[0, 1, 2].map(() => fc.constantFrom<Customer['tier']>('standard', 'gold'))),
  openings: fc.tuple(...[0, 1, 2].map(() => fc.constantFrom(0, 1_000_000, 10_000_000, 60_000_000))),
  specs: fc.array(transactionSpec, { minLength: 1, maxLength: 60 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const build = (s: Scenario) => {
  const customers = s.tiers.map((tier, i) => customerOf(`C${i}`, tier));
  const openings = new Map(s.openings.map((o, i) => [`C${i}`, o] as const));
  const transactions = s.specs.map((raw, i) => {
    const spec = {
      ...raw,
      day: raw.onEdge ? EDGE_DAYS[raw.day % EDGE_DAYS.length]! : raw.day % (s.span + 1),
    };
    const businessDate = addDays('2026-03-01', spec.day);
    const bookedAt = new Date(
      Date.parse(`${businessDate}T00:00:00+08:00`) + spec.second * 1000,
    ).toISOString();
    const transactionId = `T${String(i).padStart(3, '0')}`;
    const record: TransactionRecord = {
      transactionId,
      customerId: `C${spec.customer}`,
      accountId: 'A1',
      assetClass: spec.assetClass as TransactionRecord['assetClass'],
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
    return { record, spec };
  });
  return { customers, openings, transactions };
};

/** Day by day, any order within a day, each replay somewhere after its first delivery. */
const deliveryByDay = (transactions: ReturnType<typeof build>['transactions']): TransactionRecord[] => {
  const first = [...transactions].sort((a, b) => a.spec.day - b.spec.day || a.spec.order - b.spec.order);
  const stream: TransactionRecord[] = first.map((t) => t.record);
  first.forEach((t, i) => {
    if (t.spec.replayAfter === undefined) return;
    const at = Math.min(
      stream.length,
      stream.indexOf(t.record) + 1 + (t.spec.replayAfter % (stream.length - i + 1)),
    );
    stream.splice(at, 0, t.record);
  });
  return stream;
};

const runPipeline = async (
  stream: TransactionRecord[],
  customers: Customer[],
  openings: Map<string, number>,
  rules: readonly TriggerRule[] = DEFAULT_RULES,
) => {
  const { state, alerts, deps } = monitoringWorld({
    customers,
    rules,
    openings,
    now: '2026-11-30T00:00:00.000Z',
  });
  let raised = 0;
  for (const txn of stream) {
    const outcome = await processTransaction(deps, txn);
    raised += outcome.alerts.filter((a) => a.outcome === 'raised').length;
  }
  return { alerts: alerts.alerts, state, raised };
};

const reference = (s: ReturnType<typeof build>, rules: readonly TriggerRule[] = DEFAULT_RULES) =>
  referenceAlerts({
    transactions: s.transactions.map((t) => t.record),
    customers: s.customers,
    rules,
    openings: s.openings,
    thresholds: THRESHOLDS,
    ownBanks: OWN_BANKS,
  });

const summary = (ids: Iterable<string>, byId: (id: string) => { ruleId: string; customerId: string }) =>
  [...ids].map((id) => `${byId(id).ruleId}/${byId(id).customerId}/${id}`).sort();

describe('alerts from random streams', () => {
  it('equal the reference evaluator’s, delivered day by day in any order within a day and replayed', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const built = build(s);
        const { alerts, raised } = await runPipeline(
          deliveryByDay(built.transactions),
          built.customers,
          built.openings,
        );
        const expected = reference(built);
        expect(summary(alerts.keys(), (id) => alerts.get(id)!)).toEqual(
          summary(expected.keys(), (id) => expected.get(id)!),
        );
        // and each was raised once: every other firing found it there
        expect(raised).toBe(alerts.size);
        for (const alert of alerts.values()) seen.set(alert.ruleId, (seen.get(alert.ruleId) ?? 0) + 1);
      }),
      { numRuns: 300 },
    );
    // every rule fired somewhere in the run: the property is not vacuous for any of them
    expect([...seen.keys()].sort()).toEqual(DEFAULT_RULES.map((r) => r.ruleId).sort());
  });

  it('equal it with one-day dedup windows too, where an edge cannot hide behind another firing', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const built = build(s);
        const { alerts } = await runPipeline(
          deliveryByDay(built.transactions),
          built.customers,
          built.openings,
          SHARP_RULES,
        );
        expect([...alerts.keys()].sort()).toEqual([...reference(built, SHARP_RULES).keys()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('for rules about the transaction alone, equal it in any delivery order at all', async () => {
    const stateless = DEFAULT_RULES.filter((r) =>
      ['large-transaction', 'large-cash', 'maturity'].includes(r.ruleId),
    );
    await fc.assert(
      fc.asyncProperty(scenario, fc.array(fc.nat()), async (s, shuffle) => {
        const built = build(s);
        const stream = deliveryByDay(built.transactions);
        for (let i = stream.length - 1; i > 0; i--) {
          const j = (shuffle[i % Math.max(1, shuffle.length)] ?? 0) % (i + 1);
          [stream[i], stream[j]] = [stream[j]!, stream[i]!];
        }
        const { alerts } = await runPipeline(stream, built.customers, built.openings, stateless);
        expect([...alerts.keys()].sort()).toEqual([...reference(built, stateless).keys()].sort());
      }),
      { numRuns: 200 },
    );
  });

  it('keep fund flows exactly once, in any order and however often replayed', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.array(fc.nat()), async (s, shuffle) => {
        const built = build(s);
        const stream = deliveryByDay(built.transactions).reverse();
        if (shuffle.length)
          stream.sort(
            (a, b) =>
              ((shuffle[a.transactionId.length] ?? 0) % 3) - ((shuffle[b.transactionId.length] ?? 0) % 3),
          );
        const { state } = await runPipeline(stream, built.customers, built.openings);
        const flowTotal = (direction: 'in' | 'out') =>
          [...state.flows.values()]
            .filter((f) => f.direction === direction)
            .reduce((sum, f) => sum + f.amountFen, 0);
        const expected = (direction: 'in' | 'out') =>
          built.transactions
            .filter((t) => t.record.direction === direction)
            .reduce((sum, t) => sum + Math.abs(t.record.amountFen), 0);
        expect(flowTotal('in')).toBe(expected('in'));
        expect(flowTotal('out')).toBe(expected('out'));
        expect([...state.flows.values()].reduce((n, f) => n + f.count, 0)).toBe(built.transactions.length);
      }),
      { numRuns: 100 },
    );
  });
});
