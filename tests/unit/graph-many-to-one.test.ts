// The many-to-one outflow pattern (issue 17), in memory: N or more of our customers first paying one
// new other-bank account within D days raises one alert per such customer, to their RM, whatever the
// order, batching and duplication of delivery; N − 1, or N spread over more than D days, raise none.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Customer } from '#shared/customers/customer.js';
import { fixedClock } from '#shared/clock.js';
import { MemoryAlerts, memoryCustomers } from '#shared/monitoring/memory.js';
import { addDays } from '#shared/monitoring/days.js';
import { memoryGraphStore, memoryPayerSets } from '#shared/graph/memory.js';
import { graphOnTransaction, type GraphStreamDeps } from '#shared/graph/on-transaction.js';
import { ManyToOneRule } from '#shared/graph/many-to-one.js';
import { TransactionRecord } from '#shared/transactions/transaction.js';
import { GRAPH_KEY } from '../support/graph.js';
import { transaction } from '../support/builders.js';

const MULE = '6217009900001234';
const DAY0 = '2026-11-02';

const customerOf = (i: number): Customer => ({
  customerId: `C${i}`,
  name: `王建${i}`,
  orgId: 'BJ-CY-WJ',
  orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  branchId: 'BJ',
  scopeKey: `/HO/BJ/BJ-CY/BJ-CY-WJ/C${i}`,
  managerId: `rm-${i}`,
  tier: 'standard',
  smsConsent: true,
  tags: [],
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  version: 1,
});

const payment = (customer: number, day: number, id = `T${customer}`): TransactionRecord => {
  const date = addDays(DAY0, day);
  const bookedAt = `${date}T02:00:00.000Z`;
  return TransactionRecord.parse({
    ...transaction({
      transactionId: id,
      customerId: `C${customer}`,
      amountFen: -500_000,
      counterpartyAccount: MULE,
      counterpartyBank: '某商业银行',
      counterpartyName: '赵六',
      bookedAt,
      businessDate: date,
    }),
    receivedAt: bookedAt,
    bookedKey: `${bookedAt}#${id}`,
  });
};

const world = (rule: Partial<ManyToOneRule>, customers: number) => {
  const alerts = new MemoryAlerts();
  const deps: GraphStreamDeps = {
    graph: memoryGraphStore(),
    counterpartyKey: GRAPH_KEY,
    payers: memoryPayerSets(),
    customers: memoryCustomers(Array.from({ length: customers }, (_, i) => customerOf(i))),
    alerts,
    clock: fixedClock(new Date('2026-11-20T02:00:00.000Z')),
    ownBanks: new Set(['本行']),
    manyToOne: ManyToOneRule.parse({ newAccountDays: 365, ...rule }),
  };
  return { deps, alerts };
};

/** The model: customers whose first day lies in a window of D days holding at least N first days. */
const expectedAlerted = (days: readonly number[], n: number, d: number): Set<number> => {
  const alerted = new Set<number>();
  for (let start = Math.min(...days) - d; start <= Math.max(...days); start++) {
    const inside = days.flatMap((day, i) => (day >= start && day < start + d ? [i] : []));
    if (inside.length >= n) inside.forEach((i) => alerted.add(i));
  }
  return alerted;
};

const deliveries = fc
  .record({
    n: fc.integer({ min: 2, max: 6 }),
    d: fc.integer({ min: 1, max: 4 }),
    days: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 9 }),
  })
  .chain(({ n, d, days }) => {
    const firsts = days.map((day, i) => payment(i, day));
    return fc.record({
      n: fc.constant(n),
      d: fc.constant(d),
      days: fc.constant(days),
      order: fc.shuffledSubarray([...firsts, ...firsts.slice(0, 3)], {
        minLength: firsts.length + Math.min(3, firsts.length),
        maxLength: firsts.length + Math.min(3, firsts.length),
      }),
      batch: fc.integer({ min: 1, max: 5 }),
    });
  });

describe('many-to-one outflow', () => {
  it('alerts exactly the customers in a window of D days reaching N, once each', async () => {
    await fc.assert(
      fc.asyncProperty(deliveries, async ({ n, d, days, order, batch }) => {
        const { deps, alerts } = world({ minPayers: n, windowDays: d }, days.length);
        for (let i = 0; i < order.length; i += batch)
          await Promise.all(order.slice(i, i + batch).map((t) => graphOnTransaction(deps, t)));
        const alerted = [...alerts.alerts.values()].map((a) => a.customerId).sort();
        const expected = [...expectedAlerted(days, n, d)].map((i) => `C${i}`).sort();
        expect(alerted).toEqual(expected);
        for (const alert of alerts.alerts.values()) {
          expect(alert.managerId).toBe(`rm-${alert.customerId.slice(1)}`);
          expect(JSON.stringify(alert)).not.toContain(MULE);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fires at N and not at N − 1; not for N spread over D + 1 days; not for an account that is not new', async () => {
    const run = async (rule: Partial<ManyToOneRule>, txns: TransactionRecord[]) => {
      const { deps, alerts } = world(rule, 10);
      for (const t of txns) await graphOnTransaction(deps, t);
      return alerts.alerts.size;
    };
    const rule = { minPayers: 3, windowDays: 2 };
    expect(await run(rule, [payment(0, 0), payment(1, 1)])).toBe(0);
    expect(await run(rule, [payment(0, 0), payment(1, 1), payment(2, 1)])).toBe(3);
    expect(await run(rule, [payment(0, 0), payment(1, 1), payment(2, 2)])).toBe(0);
    // first paid 40 days before: the account is not new under a 30-day rule
    const old = [payment(3, -40), payment(0, 0), payment(1, 1), payment(2, 1)];
    expect(await run({ ...rule, newAccountDays: 30 }, old)).toBe(0);
    expect(await run({ ...rule, newAccountDays: 60 }, old)).toBe(3);
    // into our own bank, or money coming in: not the pattern
    const own = [0, 1, 2].map((i) => ({ ...payment(i, 0), counterpartyBank: '本行' }));
    expect(await run(rule, own)).toBe(0);
  });

  it('lists the other payers masked, with their RMs', async () => {
    const { deps, alerts } = world({ minPayers: 3, windowDays: 2 }, 3);
    for (const i of [0, 1, 2]) await graphOnTransaction(deps, payment(i, 0));
    const alert = [...alerts.alerts.values()].find((a) => a.customerId === 'C0')!;
    expect(alert.evidence).toMatchObject({ payers: 3, windowDays: 2, others: '王** (rm-1)、王** (rm-2)' });
    expect(alert.evidence.counterparty).toBe('某商业银行****1234');
    expect(alert).toMatchObject({ ruleId: 'graph-many-to-one', status: 'open', managerId: 'rm-0' });
  });
});
