// Testing a draft rule (POST /v1/trigger-rules/{ruleId}/test), in process: the answer and its reasons
// (explainRule), sample facts through the stream's own fact gathering, and — the point — for random
// streams, "would this rule fire on this transaction?" asked before the transaction arrives is what
// the pipeline then decides when it does.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Customer } from '#shared/customers/customer.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { Caller } from '#shared/auth/caller.js';
import { fixedClock } from '#shared/clock.js';
import { NotFound } from '#shared/errors.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import { addDays } from '#shared/monitoring/days.js';
import { explainRule } from '#shared/monitoring/explain.js';
import { computeFacts, noNeeds } from '#shared/monitoring/facts.js';
import { processTransaction } from '#shared/monitoring/process-transaction.js';
import { testRule, withOwnDay, type RuleTestDeps } from '#shared/monitoring/rule-test.js';
import { RuleTestBody } from '#shared/monitoring/api.js';
import type { TriggerRule } from '#shared/monitoring/rule.js';
import { fixedRules } from '#shared/monitoring/memory.js';
import { monitoringWorld, OWN_BANKS } from '../support/monitoring.js';

const ADMIN: Caller = { staffId: 'admin', name: '管理员', role: 'admin', orgId: 'HO', orgPath: '/HO/' };
const BRANCH_ADMIN: Caller = { ...ADMIN, staffId: 'admin-sh', orgId: 'SH', orgPath: '/HO/SH/' };
const NOW = '2026-11-20T02:00:00.000Z';
const clock = fixedClock(NOW);

const customerOf = (customerId: string, tier: Customer['tier'] = 'standard'): Customer => ({
  customerId,
  name: `客户${customerId}`,
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

const rule = (ruleId: string): TriggerRule => DEFAULT_RULES.find((r) => r.ruleId === ruleId)!;
const input = ({ ruleId: _i, version: _v, updatedAt: _u, updatedBy: _b, ...rest }: TriggerRule) => rest;

const txn = (overrides: Record<string, unknown> = {}) => ({
  transactionId: 'SAMPLE-1',
  customerId: 'C0',
  accountId: 'A1',
  assetClass: 'deposit',
  amountFen: -60_000_000,
  direction: ((overrides.amountFen as number | undefined) ?? -1) > 0 ? 'in' : 'out',
  channel: 'mobile',
  bookedAt: '2026-11-20T02:00:00.000Z',
  businessDate: '2026-11-20',
  ...overrides,
});

const world = (customers: Customer[] = [customerOf('C0')], openings = new Map<string, number>()) => {
  const { state, alerts, deps: pipeline } = monitoringWorld({ customers, openings, now: NOW });
  const deps: RuleTestDeps = {
    customers: pipeline.customers as unknown as CustomerStore, // testRule only reads by id
    state,
    aum: pipeline.aum,
    thresholds: pipeline.thresholds,
    alerts: { get: async (id) => alerts.alerts.get(id) },
    ownBanks: OWN_BANKS,
  };
  return { state, alerts, deps, customers: pipeline.customers, openings };
};

const body = (value: unknown) => RuleTestBody.parse(value);

describe('explainRule', () => {
  const facts = (overrides: Partial<Parameters<typeof computeFacts>[0]['txn']> = {}, aumFen = 100_000_000) =>
    computeFacts({
      txn: {
        amountFen: -60_000_000,
        direction: 'out',
        assetClass: 'deposit',
        channel: 'mobile',
        accountId: 'A1',
        businessDate: '2026-11-20',
        counterpartyBank: '招商银行',
        ...overrides,
      },
      customerTier: 'gold',
      ownBanks: OWN_BANKS,
      needs: { ...noNeeds(), aum: true },
      history: { days: [], payerInflows: {} },
      aum: { previousCloseFen: aumFen, monthStartFen: aumFen },
    });

  it('says which node of the tree holds, with the facts each predicate read', () => {
    const explained = explainRule(rule('outflow-other-bank'), facts({ amountFen: -5_000_000 }));
    expect(explained.fires).toBe(false);
    expect(explained.conditions.map((c) => `${c.path}:${c.kind}:${c.matched}`)).toEqual([
      'when:all:false',
      'when.all.0:predicate:true',
      'when.all.1:predicate:true',
      'when.all.2:any:false',
      'when.all.2.any.0:predicate:false',
      'when.all.2.any.1:predicate:false',
    ]);
    // 30% of AUM: the predicate's own fact and the referenced one
    expect(explained.conditions[5]!.values).toEqual({ absAmountFen: 5_000_000, aumFen: 100_000_000 });
    expect(explained.conditions[1]!.depth).toBe(1);
    expect(explained.conditions[4]!.depth).toBe(2);

    const fired = explainRule(rule('outflow-other-bank'), facts({ amountFen: -9_000_000 }, 20_000_000));
    expect(fired).toMatchObject({ fires: true, matched: true });
    expect(fired.conditions.filter((c) => !c.matched).map((c) => c.path)).toEqual(['when.all.2.any.0']);
    expect(fired.evidence).toEqual({
      direction: 'out',
      otherBank: true,
      absAmountFen: 9_000_000,
      aumFen: 20_000_000,
    });
  });

  it('a disabled rule matches but does not fire, as the stream leaves it out', () => {
    const explained = explainRule({ ...rule('large-transaction'), enabled: false }, facts());
    expect(explained).toMatchObject({ matched: true, fires: false });
  });

  it('a not inverts, and an unknown fact is absent from the values', () => {
    const explained = explainRule(
      {
        ...rule('large-transaction'),
        when: { not: { fact: 'daysSinceLastActivity', operator: 'gte', value: 10 } },
      },
      facts(),
    );
    expect(explained.conditions).toEqual([
      { path: 'when', depth: 0, kind: 'not', matched: true },
      {
        path: 'when.not',
        depth: 1,
        kind: 'predicate',
        matched: false,
        predicate: { fact: 'daysSinceLastActivity', operator: 'gte', value: 10 },
        values: {},
      },
    ]);
  });
});

describe('withOwnDay', () => {
  const effects = { businessDate: '2026-11-20', day: { outFen: 5, inFen: 0 } };
  it('adds the transaction to its day, or a day for it, inside the range only', () => {
    expect(
      withOwnDay([{ businessDate: '2026-11-20', outFen: 1, inFen: 2 }], effects, '2026-11-14', '2026-11-20'),
    ).toEqual([{ businessDate: '2026-11-20', outFen: 6, inFen: 2 }]);
    expect(
      withOwnDay([{ businessDate: '2026-11-19', outFen: 1, inFen: 0 }], effects, '2026-11-14', '2026-11-20'),
    ).toEqual([
      { businessDate: '2026-11-19', outFen: 1, inFen: 0 },
      { businessDate: '2026-11-20', outFen: 5, inFen: 0 },
    ]);
    expect(withOwnDay([], effects, '2026-11-10', '2026-11-19')).toEqual([]);
  });
});

describe('testRule', () => {
  it('on a real customer: their tier and stored history, the alert it would raise, already raised or not', async () => {
    const w = world([customerOf('C0', 'gold')], new Map([['C0', 100_000_000]]));
    const first = await testRule(
      w.deps,
      { caller: ADMIN, clock },
      'large-transaction',
      body({
        rule: input(rule('large-transaction')),
        transaction: txn(),
      }),
    );
    expect(first).toMatchObject({
      ruleId: 'large-transaction',
      fires: true,
      customer: { source: 'customer', customerId: 'C0', tier: 'gold', name: '客户C0' },
      alert: {
        severity: 'high',
        slaHours: 24,
        alreadyRaised: false,
        title: '大额转出交易 ¥600,000（手机银行）',
      },
    });
    // the stream raises it; the same test now says there is one in this window already
    await processTransaction(
      {
        ...w.deps,
        customers: w.customers,
        rules: fixedRules([rule('large-transaction')]),
        alerts: w.alerts,
        clock,
      },
      { ...txn(), transactionId: 'T1', receivedAt: '2026-11-20T02:00:00.000Z', bookedKey: 'k' } as never,
    );
    const again = await testRule(
      w.deps,
      { caller: ADMIN, clock },
      'large-transaction',
      body({
        rule: input(rule('large-transaction')),
        transaction: txn({ transactionId: 'SAMPLE-2' }),
      }),
    );
    expect(again.alert).toMatchObject({ alertId: first.alert!.alertId, alreadyRaised: true });
  });

  it('adds the sample to its own day, as the stream applies before it reads', async () => {
    const w = world([customerOf('C0')], new Map([['C0', 10_000_000]]));
    await w.state.apply({
      customerId: 'C0',
      transactionId: 'T0',
      businessDate: '2026-11-18',
      day: { outFen: 4_000_000, inFen: 0 },
      flow: {
        month: '2026-11',
        direction: 'out',
        bank: '-',
        category: 'uncategorised',
        amountFen: 4_000_000,
      },
      claim: { amountFen: -4_000_000, businessDate: '2026-11-18' },
    });
    const test = (amountFen: number) =>
      testRule(
        w.deps,
        { caller: ADMIN, clock },
        'cumulative-outflow',
        body({
          rule: input(rule('cumulative-outflow')),
          transaction: txn({ amountFen }),
        }),
      );
    // 4 000 000 before + 1 000 000 now = half the month's opening AUM: fires; one fen less does not
    expect((await test(-1_000_000)).fires).toBe(true);
    expect((await test(-999_999)).fires).toBe(false);
    expect((await test(-999_999)).facts).toMatchObject({
      'outflowFen:7d': 4_999_999,
      monthStartAumFen: 10_000_000,
    });
  });

  it('on sample facts: tier, AUM, last active day and the payer’s earlier inflows', async () => {
    const w = world([]);
    const sample = (customer: unknown, transaction = txn(), ruleId = 'outflow-other-bank') =>
      testRule(
        w.deps,
        { caller: ADMIN, clock },
        ruleId,
        body({ rule: input(rule(ruleId)), transaction, customer }),
      );

    const outflow = txn({ amountFen: -3_000_000, counterpartyBank: '招商银行' });
    expect((await sample({ tier: 'gold', aumFen: 10_000_000 }, outflow)).fires).toBe(true);
    expect((await sample({ tier: 'gold', aumFen: 10_000_001 }, outflow)).fires).toBe(false);
    expect((await sample({ tier: 'gold' }, outflow)).customer).toEqual({
      source: 'sample',
      customerId: 'C0',
      name: '样例客户',
      tier: 'gold',
    });

    const back = txn({ amountFen: 100_000 });
    expect(
      (await sample({ tier: 'standard', lastActiveDay: '2026-05-24' }, back, 'dormant-reactivated')).fires,
    ).toBe(true);
    expect(
      (await sample({ tier: 'standard', lastActiveDay: '2026-05-25' }, back, 'dormant-reactivated')).fires,
    ).toBe(false);

    const pay = txn({ amountFen: 800_000, counterpartyName: 'ACME' });
    expect(
      (await sample({ tier: 'standard', payerInflowDates: ['2026-10-21'] }, pay, 'salary-credit')).fires,
    ).toBe(true);
    expect(
      (await sample({ tier: 'standard', payerInflowDates: ['2026-10-14'] }, pay, 'salary-credit')).fires,
    ).toBe(false);

    const crossing = txn({ amountFen: 1_000_000 });
    const crossed = await sample({ tier: 'standard', aumFen: 4_500_000 }, crossing, 'tier-threshold-crossed');
    expect(crossed).toMatchObject({ fires: true, facts: { crossedTier: 'gold' } });
  });

  it('a customer out of the caller’s scope, or none, is not found', async () => {
    const w = world([customerOf('C0')]);
    const call = (caller: Caller, customerId: string) =>
      testRule(
        w.deps,
        { caller, clock },
        'large-transaction',
        body({
          rule: input(rule('large-transaction')),
          transaction: txn({ customerId }),
        }),
      );
    await expect(call(BRANCH_ADMIN, 'C0')).rejects.toBeInstanceOf(NotFound);
    await expect(call(ADMIN, 'C9')).rejects.toBeInstanceOf(NotFound);
  });
});

describe('a rule tested before a transaction arrives', () => {
  it('answers what the pipeline then decides, for random streams and every built-in rule', async () => {
    const spec = fc.record({
      day: fc.integer({ min: 0, max: 220 }),
      amount: fc.oneof(fc.integer({ min: 1, max: 300_000 }), fc.integer({ min: 1, max: 60_000_000 })),
      out: fc.boolean(),
      counterpartyBank: fc.constantFrom(undefined, '本行', '招商银行'),
      counterpartyName: fc.constantFrom(undefined, 'ACME'),
      category: fc.constantFrom(undefined, 'salary', 'maturity'),
      assetClass: fc.constantFrom('deposit', 'time_deposit'),
      channel: fc.constantFrom('counter', 'mobile'),
    });
    const fired = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1_000_000, 60_000_000),
        fc.array(spec, { minLength: 1, maxLength: 25 }),
        async (opening, specs) => {
          const w = world([customerOf('C0')], new Map([['C0', opening]]));
          const pipeline = {
            ...w.deps,
            customers: w.customers,
            rules: fixedRules(DEFAULT_RULES),
            alerts: w.alerts,
            clock,
          };
          const ordered = [...specs].sort((a, b) => a.day - b.day);
          for (const [i, s] of ordered.entries()) {
            const businessDate = addDays('2026-03-01', s.day);
            const transaction = txn({
              transactionId: `T${i}`,
              amountFen: s.out ? -s.amount : s.amount,
              direction: s.out ? 'out' : 'in',
              businessDate,
              bookedAt: `${businessDate}T02:00:00.000Z`,
              assetClass: s.assetClass,
              channel: s.channel,
              ...(s.counterpartyBank ? { counterpartyBank: s.counterpartyBank } : {}),
              ...(s.counterpartyName ? { counterpartyName: s.counterpartyName } : {}),
              ...(s.category ? { category: s.category } : {}),
            });
            const answers = new Map<string, boolean>();
            for (const r of DEFAULT_RULES) {
              const answer = await testRule(
                w.deps,
                { caller: ADMIN, clock },
                r.ruleId,
                body({ rule: input(r), transaction }),
              );
              answers.set(r.ruleId, answer.fires);
            }
            const record = {
              ...transaction,
              receivedAt: transaction.bookedAt,
              bookedKey: `${transaction.bookedAt}#T${i}`,
            };
            const outcome = await processTransaction(pipeline, record as never);
            const hits = new Set(outcome.alerts.map((a) => a.ruleId));
            for (const [ruleId, fires] of answers) {
              expect(fires, `${ruleId} on ${JSON.stringify(transaction)}`).toBe(hits.has(ruleId));
              if (fires) fired.add(ruleId);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
    // not vacuous: most rules fired somewhere
    expect(fired.size).toBeGreaterThanOrEqual(6);
  });
});
