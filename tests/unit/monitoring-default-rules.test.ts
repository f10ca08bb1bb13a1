// Each built-in rule firing and not firing at its edges, through the real use case
// (processTransaction) on in-memory stores; dedup windows; replays.
import { describe, expect, it } from 'vitest';
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import { processTransaction } from '#shared/monitoring/process-transaction.js';
import { monitoringWorld } from '../support/monitoring.js';
import { addDays } from '#shared/monitoring/days.js';
import type { TriggerRule } from '#shared/monitoring/rule.js';

const YUAN = 100;
const THRESHOLDS = [
  { tier: 'standard', minFen: 0 },
  { tier: 'gold', minFen: 50_000 * YUAN },
  { tier: 'platinum', minFen: 500_000 * YUAN },
  { tier: 'diamond', minFen: 2_000_000 * YUAN },
  { tier: 'private_banking', minFen: 6_000_000 * YUAN },
] as const;

const customer = (overrides: Partial<Customer> = {}): Customer => ({
  customerId: 'C1',
  name: '王芳',
  orgId: 'BJ-CY-WJ',
  orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  branchId: 'BJ',
  scopeKey: '/HO/BJ/BJ-CY/BJ-CY-WJ/C1',
  managerId: 'rm-bj-cy-wj-01',
  tier: 'standard',
  smsConsent: true,
  tags: [],
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2020-01-01T00:00:00.000Z',
  version: 1,
  ...overrides,
});

let sequence = 0;
const txn = (overrides: Partial<TransactionRecord> & { amountFen: number }): TransactionRecord => {
  sequence += 1;
  const businessDate = overrides.businessDate ?? '2026-11-18';
  const record: TransactionRecord = {
    transactionId: `T${sequence}`,
    customerId: 'C1',
    accountId: '6222020000000001',
    assetClass: 'deposit',
    direction: overrides.amountFen > 0 ? 'in' : 'out',
    channel: 'mobile',
    bookedAt: `${businessDate}T02:00:${String(sequence % 60).padStart(2, '0')}.000Z`,
    businessDate,
    receivedAt: `${businessDate}T02:00:00.000Z`,
    bookedKey: '',
    ...overrides,
  };
  return { ...record, bookedKey: `${record.bookedAt}#${record.transactionId}` };
};

const world = (
  options: { customers?: Customer[]; openings?: Record<string, number>; rules?: readonly TriggerRule[] } = {},
) => {
  const { state, alerts, deps } = monitoringWorld({
    customers: options.customers ?? [customer()],
    rules: options.rules ?? DEFAULT_RULES,
    openings: new Map(Object.entries(options.openings ?? {})),
    thresholds: [...THRESHOLDS],
    now: '2026-11-18T03:00:00.000Z',
  });
  return {
    state,
    alerts,
    deps,
    run: async (...transactions: TransactionRecord[]) => {
      const outcomes = [];
      for (const t of transactions) outcomes.push(await processTransaction(deps, t));
      return outcomes;
    },
    fired: (ruleId: string) => [...alerts.alerts.values()].filter((a) => a.ruleId === ruleId),
  };
};

/** Runs the transactions in a fresh world and says whether `ruleId` fired. */
const fires = async (ruleId: string, transactions: TransactionRecord[], options = {}) => {
  const w = world(options);
  await w.run(...transactions);
  return w.fired(ruleId).length > 0;
};

describe('large-transaction (≥ ¥500,000)', () => {
  it('fires at ¥500,000 either way, not a fen below', async () => {
    expect(await fires('large-transaction', [txn({ amountFen: 500_000 * YUAN })])).toBe(true);
    expect(await fires('large-transaction', [txn({ amountFen: -500_000 * YUAN })])).toBe(true);
    expect(await fires('large-transaction', [txn({ amountFen: 500_000 * YUAN - 1 })])).toBe(false);
  });
  it('raises one alert with the title, the SLA and the RM at the time', async () => {
    const w = world();
    await w.run(txn({ amountFen: -600_000 * YUAN, channel: 'counter', counterpartyBank: '本行' }));
    const [alert] = w.fired('large-transaction');
    expect(alert).toMatchObject({
      title: '大额转出交易 ¥600,000（柜面）',
      managerId: 'rm-bj-cy-wj-01',
      status: 'open',
      slaHours: 24,
      raisedAt: '2026-11-18T03:00:00.000Z',
      dueAt: '2026-11-19T03:00:00.000Z',
      amountAtRiskFen: 600_000 * YUAN,
      evidence: { absAmountFen: 600_000 * YUAN },
      window: { key: '2026-11-18P1D', start: '2026-11-18', end: '2026-11-18' },
    });
  });
});

describe('large-cash (≥ ¥50,000 at the counter or an ATM)', () => {
  const cash = (amountFen: number, extra: Partial<TransactionRecord> = {}) =>
    txn({ amountFen, channel: 'counter', ...extra });
  it('fires at ¥50,000 of cash, in or out', async () => {
    expect(await fires('large-cash', [cash(50_000 * YUAN)])).toBe(true);
    expect(await fires('large-cash', [cash(-50_000 * YUAN, { channel: 'atm' })])).toBe(true);
  });
  it('not below it, nor for a transfer, another channel or another asset class', async () => {
    expect(await fires('large-cash', [cash(50_000 * YUAN - 1)])).toBe(false);
    expect(await fires('large-cash', [cash(60_000 * YUAN, { counterpartyBank: '招商银行' })])).toBe(false);
    expect(await fires('large-cash', [cash(60_000 * YUAN, { counterpartyName: '张三' })])).toBe(false);
    expect(await fires('large-cash', [cash(60_000 * YUAN, { channel: 'mobile' })])).toBe(false);
    expect(await fires('large-cash', [cash(60_000 * YUAN, { assetClass: 'wealth' })])).toBe(false);
  });
});

describe('outflow-other-bank (≥ ¥100,000, or ≥ 30% of AUM)', () => {
  const out = (amountFen: number, extra: Partial<TransactionRecord> = {}) =>
    txn({ amountFen: -amountFen, counterpartyBank: '招商银行', ...extra });
  it('fires at ¥100,000 to another bank whatever the AUM', async () => {
    expect(await fires('outflow-other-bank', [out(100_000 * YUAN)])).toBe(true);
    expect(await fires('outflow-other-bank', [out(100_000 * YUAN - 1)])).toBe(false);
  });
  it('fires at exactly 30% of the previous close, not a fen below', async () => {
    const openings = { C1: 10_000_000 }; // ¥100,000
    expect(await fires('outflow-other-bank', [out(3_000_000)], { openings })).toBe(true);
    expect(await fires('outflow-other-bank', [out(2_999_999)], { openings })).toBe(false);
  });
  it('counts AUM at the previous day’s close: an inflow today does not dilute it', async () => {
    const w = world({ openings: { C1: 10_000_000 } });
    await w.run(txn({ amountFen: 90_000_000 }), out(3_000_000));
    expect(w.fired('outflow-other-bank')).toHaveLength(1);
    expect(w.fired('outflow-other-bank')[0]!.evidence).toMatchObject({ aumFen: 10_000_000 });
  });
  it('an earlier day does: tomorrow the same outflow is under 30%', async () => {
    const w = world({ openings: { C1: 10_000_000 } });
    await w.run(txn({ amountFen: 90_000_000, businessDate: '2026-11-17' }), out(3_000_000));
    expect(w.fired('outflow-other-bank')).toHaveLength(0);
  });
  it('not without AUM, to our own bank, without a counterparty bank, nor for an inflow', async () => {
    expect(await fires('outflow-other-bank', [out(1_000)])).toBe(false); // 30% of nothing is not 0
    expect(await fires('outflow-other-bank', [out(200_000 * YUAN, { counterpartyBank: '本行' })])).toBe(
      false,
    );
    expect(await fires('outflow-other-bank', [txn({ amountFen: -200_000 * YUAN })])).toBe(false);
    expect(
      await fires('outflow-other-bank', [txn({ amountFen: 200_000 * YUAN, counterpartyBank: '招商银行' })]),
    ).toBe(false);
  });
});

describe('cumulative-outflow (7 days of outflows ≥ 50% of month-start AUM)', () => {
  const openings = { C1: 10_000_000 };
  const out = (amountFen: number, businessDate: string) => txn({ amountFen: -amountFen, businessDate });
  it('fires on the outflow that takes the 7-day sum to half the month-start AUM', async () => {
    const w = world({ openings });
    await w.run(out(2_000_000, '2026-11-12'), out(2_000_000, '2026-11-15'));
    expect(w.fired('cumulative-outflow')).toHaveLength(0);
    await w.run(out(1_000_000, '2026-11-18'));
    const [alert] = w.fired('cumulative-outflow');
    expect(alert?.evidence).toMatchObject({ 'outflowFen:7d': 5_000_000, monthStartAumFen: 10_000_000 });
    expect(alert?.window).toEqual({ key: '2026-11-16P7D', start: '2026-11-16', end: '2026-11-22' });
  });
  it('not a fen short of it', async () => {
    expect(
      await fires('cumulative-outflow', [out(2_000_000, '2026-11-12'), out(2_999_999, '2026-11-18')], {
        openings,
      }),
    ).toBe(false);
  });
  it('only counts the last 7 days: an outflow 7 days before is out of the window', async () => {
    expect(
      await fires('cumulative-outflow', [out(2_000_000, '2026-11-11'), out(3_000_000, '2026-11-18')], {
        openings,
      }),
    ).toBe(false);
  });
  it('month-start AUM is the previous month’s close: this month’s inflows do not raise the bar', async () => {
    const w = world({ openings });
    await w.run(txn({ amountFen: 50_000_000, businessDate: '2026-11-02' }), out(5_000_000, '2026-11-18'));
    expect(w.fired('cumulative-outflow')).toHaveLength(1);
  });
  it('not without any month-start AUM', async () => {
    expect(await fires('cumulative-outflow', [out(5_000_000, '2026-11-18')])).toBe(false);
  });
});

describe('maturity (time deposit or wealth product)', () => {
  it('fires for a maturing time deposit or wealth product, with a service SMS request', async () => {
    const w = world();
    await w.run(txn({ amountFen: -200_000 * YUAN, assetClass: 'time_deposit', category: 'maturity' }));
    const [alert] = w.fired('maturity');
    expect(alert?.title).toBe('定期存款到期 ¥200,000：再投资商机');
    expect(alert?.sms).toEqual({
      status: 'requested',
      kind: 'service',
      text: '【示例银行】尊敬的客户，您的定期存款已于2026-11-18到期，金额¥200,000，请留意资金到账。',
      template:
        '【示例银行】尊敬的客户，您的{assetClass}已于{businessDate}到期，金额{absAmountYuan}，请留意资金到账。',
      purpose: 'relationship',
      idempotencyKey: `alert#${alert!.alertId}`,
    });
    expect(
      await fires('maturity', [txn({ amountFen: -100, assetClass: 'wealth', category: 'maturity' })]),
    ).toBe(true);
  });
  it('not for another asset class or category', async () => {
    expect(
      await fires('maturity', [txn({ amountFen: 100, assetClass: 'deposit', category: 'maturity' })]),
    ).toBe(false);
    expect(
      await fires('maturity', [txn({ amountFen: -100, assetClass: 'wealth', category: 'investment' })]),
    ).toBe(false);
    expect(await fires('maturity', [txn({ amountFen: -100, assetClass: 'wealth' })])).toBe(false);
  });
});

describe('dormant-reactivated (no activity for ≥ 180 days)', () => {
  const on = (businessDate: string) => txn({ amountFen: 1_000, businessDate });
  it('fires after exactly 180 days without activity, not after 179', async () => {
    expect(await fires('dormant-reactivated', [on('2026-05-22'), on('2026-11-18')])).toBe(true);
    expect(await fires('dormant-reactivated', [on('2026-05-23'), on('2026-11-18')])).toBe(false);
  });
  it('looks at the latest earlier day only', async () => {
    const w = world();
    await w.run(on('2026-01-01'), on('2026-11-10'), on('2026-11-18'));
    expect(w.fired('dormant-reactivated').map((a) => a.trigger.businessDate)).toEqual(['2026-11-10']);
  });
  it('not for a customer without any earlier activity we know of', async () => {
    expect(await fires('dormant-reactivated', [on('2026-11-18')])).toBe(false);
  });
  it('fires once for a day with several transactions, whatever their order', async () => {
    const w = world();
    await w.run(on('2026-03-01'), on('2026-11-18'), on('2026-11-18'), on('2026-11-19'));
    expect(w.fired('dormant-reactivated')).toHaveLength(1);
  });
});

describe('salary-credit (recurring inflow from the same payer)', () => {
  const pay = (businessDate: string, extra: Partial<TransactionRecord> = {}) =>
    txn({
      amountFen: 1_200_000,
      businessDate,
      counterpartyName: '北京某科技有限公司',
      channel: 'batch',
      ...extra,
    });
  it('fires when the payer also paid 25 to 35 days before', async () => {
    expect(await fires('salary-credit', [pay('2026-10-18'), pay('2026-11-18')])).toBe(true);
    expect(await fires('salary-credit', [pay('2026-10-24'), pay('2026-11-18')])).toBe(true); // 25 days
    expect(await fires('salary-credit', [pay('2026-10-14'), pay('2026-11-18')])).toBe(true); // 35 days
  });
  it('not 24 or 36 days apart, not from another payer, not under ¥1,000, not outflows', async () => {
    expect(await fires('salary-credit', [pay('2026-10-25'), pay('2026-11-18')])).toBe(false);
    expect(await fires('salary-credit', [pay('2026-10-13'), pay('2026-11-18')])).toBe(false);
    expect(
      await fires('salary-credit', [pay('2026-10-18', { counterpartyName: '别的公司' }), pay('2026-11-18')]),
    ).toBe(false);
    expect(await fires('salary-credit', [pay('2026-10-18'), pay('2026-11-18', { amountFen: 99_999 })])).toBe(
      false,
    );
    expect(
      await fires('salary-credit', [
        pay('2026-10-18'),
        pay('2026-11-18', { amountFen: -1_200_000, direction: 'out' }),
      ]),
    ).toBe(false);
  });
  it('fires the first time when core banking marks it salary', async () => {
    expect(await fires('salary-credit', [pay('2026-11-18', { category: 'salary' })])).toBe(true);
  });
});

describe('tier-threshold-crossed (upgrade opportunity)', () => {
  it('fires when a transaction lifts the balance onto a higher tier’s threshold', async () => {
    const w = world({ openings: { C1: 4_000_000 } });
    await w.run(txn({ amountFen: 1_000_000 }));
    const [alert] = w.fired('tier-threshold-crossed');
    expect(alert?.evidence).toEqual({ crossedTier: 'gold' });
    expect(alert?.title).toBe('余额升至金卡门槛（现为普通）：保持资金可升级');
  });
  it('names the highest tier crossed', async () => {
    const w = world({ openings: { C1: 4_000_000 } });
    await w.run(txn({ amountFen: 60_000_000 }));
    expect(w.fired('tier-threshold-crossed')[0]?.evidence).toEqual({ crossedTier: 'platinum' });
  });
  it('not a fen short, not for a tier the customer has, not from above', async () => {
    expect(
      await fires('tier-threshold-crossed', [txn({ amountFen: 999_999 })], { openings: { C1: 4_000_000 } }),
    ).toBe(false);
    expect(
      await fires('tier-threshold-crossed', [txn({ amountFen: 1_000_000 })], {
        openings: { C1: 4_000_000 },
        customers: [customer({ tier: 'gold' })],
      }),
    ).toBe(false);
    expect(
      await fires('tier-threshold-crossed', [txn({ amountFen: 1_000_000 })], { openings: { C1: 5_000_000 } }),
    ).toBe(false);
  });
});

describe('dedup and replay', () => {
  it('one alert per rule, customer and window; a new window, a new alert', async () => {
    const w = world();
    const big = (businessDate: string) => txn({ amountFen: 600_000 * YUAN, businessDate });
    const outcomes = await w.run(big('2026-11-18'), big('2026-11-18'), big('2026-11-19'));
    const large = outcomes.map((o) => o.alerts.filter((a) => a.ruleId === 'large-transaction'));
    expect(large.map((alerts) => alerts.map((a) => a.outcome))).toEqual([['raised'], ['exists'], ['raised']]);
    expect(w.fired('large-transaction')).toHaveLength(2);
  });

  it('a replayed transaction changes no state and raises nothing new', async () => {
    const w = world();
    const t = txn({ amountFen: 600_000 * YUAN, counterpartyBank: '招商银行' });
    const [first, again] = await w.run(t, t);
    expect(first!.state).toBe('applied');
    expect(again).toMatchObject({
      state: 'duplicate',
      alerts: [{ outcome: 'exists' }, { outcome: 'exists' }],
    });
    expect(w.state.flows.size).toBe(1);
    expect([...w.state.flows.values()][0]).toMatchObject({ amountFen: 600_000 * YUAN, count: 1 });
  });

  it('the earliest trigger of a window wins, whatever the order the stream delivers in', async () => {
    const early = txn({ amountFen: 600_000 * YUAN, bookedAt: '2026-11-18T01:00:00.000Z' });
    const late = txn({ amountFen: 700_000 * YUAN, bookedAt: '2026-11-18T09:00:00.000Z' });
    const inOrder = world();
    await inOrder.run(early, late);
    const reversed = world();
    const outcomes = await reversed.run(late, early);
    expect(outcomes[1]!.alerts[0]!.outcome).toBe('retriggered');
    expect(reversed.fired('large-transaction')).toEqual(
      inOrder.fired('large-transaction').map((a) => ({
        ...a,
        version: a.version + 1,
      })),
    );
  });

  it('a customer we do not manage: flows kept, no rules run', async () => {
    const w = world({ customers: [] });
    const [outcome] = await w.run(txn({ amountFen: 600_000 * YUAN }));
    expect(outcome).toEqual({ state: 'applied', managed: false, alerts: [] });
    expect(w.state.flows.size).toBe(1);
  });

  it('a weekly window runs Monday to Sunday', async () => {
    const rules = DEFAULT_RULES.map((r) =>
      r.ruleId === 'large-transaction' ? { ...r, dedup: { windowDays: 7 } } : r,
    );
    const w = world({ rules });
    const big = (businessDate: string) => txn({ amountFen: 600_000 * YUAN, businessDate });
    await w.run(big('2026-11-16'), big('2026-11-22'), big('2026-11-23'));
    expect(
      w
        .fired('large-transaction')
        .map((a) => a.window.key)
        .sort(),
    ).toEqual(['2026-11-16P7D', '2026-11-23P7D']);
    expect(addDays('2026-11-16', 7)).toBe('2026-11-23');
  });
});
