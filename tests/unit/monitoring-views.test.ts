// The pure parts around alerts: dedup windows and ids, SLA and transitions, who an escalation goes
// to, the fund-flow and net-outflow views, and the outcome report's sums.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alertIdOf, dedupWindow } from '#shared/monitoring/dedup.js';
import { addDays, daysBetween, epochDay } from '#shared/monitoring/days.js';
import { acknowledge, close, type Alert } from '#shared/monitoring/alert.js';
import { formatYuan } from '#shared/monitoring/alert-text.js';
import { branchManagerAmong, isOverdue, orgChainUp } from '#shared/monitoring/escalation.js';
import { childUnitOf, fundFlowView, netOutflowView } from '#shared/monitoring/fund-flows.js';
import { closedCounters, outcomeReport, raisedCounters } from '#shared/monitoring/outcomes.js';
import type { Staff } from '#shared/staff/staff.js';
import { Conflict, ValidationFailed } from '#shared/errors.js';

describe('dedup windows', () => {
  it('tile the days: every day in exactly one window, windows of N days from Mondays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 1, max: 366 }), (day, n) => {
        const date = addDays('1970-01-01', day);
        const w = dedupWindow(date, n);
        expect(date >= w.start && date <= w.end).toBe(true);
        expect(daysBetween(w.start, w.end)).toBe(n - 1);
        expect((((epochDay(w.start) - 4) % n) + n) % n).toBe(0);
        expect(dedupWindow(w.start, n)).toEqual(w);
        expect(dedupWindow(w.end, n)).toEqual(w);
      }),
    );
    expect(dedupWindow('2026-11-18', 7)).toEqual({
      key: '2026-11-16P7D',
      start: '2026-11-16',
      end: '2026-11-22',
    });
  });
  it('give an id that depends on rule, customer and window only', () => {
    expect(alertIdOf('r', 'C1', '2026-11-16P7D')).toBe(alertIdOf('r', 'C1', '2026-11-16P7D'));
    expect(alertIdOf('r', 'C1', '2026-11-16P7D')).toMatch(/^AL[0-9A-F]{24}$/);
    expect(
      new Set([alertIdOf('r', 'C1', 'w'), alertIdOf('r', 'C2', 'w'), alertIdOf('s', 'C1', 'w')]).size,
    ).toBe(3);
  });
});

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  alertId: 'AL000000000000000000000001',
  ruleId: 'large-transaction',
  ruleVersion: 0,
  ruleName: '大额交易',
  severity: 'high',
  title: 't',
  customerId: 'C1',
  customerName: '王芳',
  managerId: 'rm-1',
  orgId: 'BJ-CY-WJ',
  orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  branchId: 'BJ',
  window: { key: '2026-11-18P1D', start: '2026-11-18', end: '2026-11-18' },
  cohortMonth: '2026-11',
  trigger: {
    transactionId: 'T1',
    bookedAt: '2026-11-18T02:00:00.000Z',
    businessDate: '2026-11-18',
    amountFen: -60_000_000,
    direction: 'out',
    assetClass: 'deposit',
    channel: 'mobile',
  },
  triggerKey: '2026-11-18T02:00:00.000Z#T1',
  amountAtRiskFen: 60_000_000,
  evidence: {},
  status: 'open',
  raisedAt: '2026-11-18T03:00:00.000Z',
  slaHours: 8,
  dueAt: '2026-11-18T11:00:00.000Z',
  escalate: true,
  version: 1,
  ...overrides,
});

describe('working an alert', () => {
  it('acknowledges once; a closed alert cannot be acknowledged', () => {
    const acked = acknowledge(alert(), 'rm-1', '2026-11-18T04:00:00.000Z')!;
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'rm-1', version: 2 });
    expect(acknowledge(acked, 'rm-1', '2026-11-18T05:00:00.000Z')).toBeUndefined();
    expect(() => acknowledge(alert({ status: 'closed' }), 'rm-1', 'x')).toThrow(Conflict);
  });
  it('closes with an outcome; the same close again is nothing, another one a conflict', () => {
    const input = { outcome: 'partially_retained' as const, note: '客户转走一半', retainedFen: 30_000_000 };
    const closed = close(alert(), 'rm-1', '2026-11-18T06:00:00.000Z', input)!;
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'partially_retained',
      retainedFen: 30_000_000,
    });
    expect(close(closed, 'rm-1', 'later', input)).toBeUndefined();
    expect(() =>
      close(closed, 'rm-1', 'later', { ...input, outcome: 'lost', retainedFen: undefined }),
    ).toThrow(Conflict);
    expect(() => close(alert(), 'rm-1', 'x', { outcome: 'lost', note: '已流失', retainedFen: 1 })).toThrow(
      ValidationFailed,
    );
  });
  it('keeps what was retained between 0 and the amount at risk', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 0, max: 2e12 }),
        (atRisk, retained) => {
          const attempt = () =>
            close(alert({ amountAtRiskFen: atRisk }), 'rm-1', 'x', {
              outcome: 'partially_retained',
              note: '部分挽留',
              retainedFen: retained,
            });
          if (retained <= atRisk) expect(attempt()!.retainedFen).toBe(retained);
          else
            expect(attempt).toThrow(
              expect.objectContaining({ errors: [expect.objectContaining({ path: 'body.retainedFen' })] }),
            );
        },
      ),
    );
  });
  it('is overdue once past due, open, escalating and not escalated yet', () => {
    expect(isOverdue(alert(), '2026-11-18T11:00:00.000Z')).toBe(true);
    expect(isOverdue(alert(), '2026-11-18T10:59:59.999Z')).toBe(false);
    expect(isOverdue(alert({ status: 'acknowledged' }), '2026-11-19T00:00:00.000Z')).toBe(false);
    expect(isOverdue(alert({ escalate: false }), '2026-11-19T00:00:00.000Z')).toBe(false);
    expect(isOverdue(alert({ escalatedAt: 'x' }), '2026-11-19T00:00:00.000Z')).toBe(false);
  });
});

describe('escalation target', () => {
  const staff = (staffId: string, role: Staff['role'], active = true): Staff => ({
    staffId,
    name: staffId,
    role,
    orgId: 'X',
    orgPath: '/X/',
    active,
    createdAt: '',
    updatedAt: '',
  });
  it('walks up the org path from the customer’s unit', () => {
    expect(orgChainUp('/HO/BJ/BJ-CY/BJ-CY-WJ/')).toEqual(['BJ-CY-WJ', 'BJ-CY', 'BJ', 'HO']);
  });
  it('takes an active branch manager, never the alert’s own owner', () => {
    const unit = [
      staff('rm-1', 'rm'),
      staff('bm-b', 'branch_manager'),
      staff('bm-a', 'branch_manager', false),
    ];
    expect(branchManagerAmong(unit, 'rm-1')?.staffId).toBe('bm-b');
    expect(branchManagerAmong(unit, 'bm-b')).toBeUndefined();
  });
});

describe('fund-flow views', () => {
  const cells = [
    { month: '2026-10', direction: 'in' as const, bank: '-', category: 'salary', amountFen: 1_000, count: 1 },
    {
      month: '2026-11',
      direction: 'out' as const,
      bank: '招商银行',
      category: 'transfer',
      amountFen: 700,
      count: 2,
    },
    {
      month: '2026-11',
      direction: 'in' as const,
      bank: '招商银行',
      category: 'transfer',
      amountFen: 200,
      count: 1,
    },
    {
      month: '2026-11',
      direction: 'out' as const,
      bank: '本行',
      category: 'consumption',
      amountFen: 50,
      count: 1,
    },
  ];
  it('sum a customer’s cells per month, by bank (null for none) and category', () => {
    const view = fundFlowView('C1', '2026-10', '2026-11', cells, new Set(['本行']));
    expect(view.totals).toEqual({ inflowFen: 1_200, outflowFen: 750, netInflowFen: 450, count: 5 });
    expect(view.otherBanks).toEqual({ inflowFen: 200, outflowFen: 700, netInflowFen: -500, count: 3 });
    expect(view.byCounterpartyBank.map((b) => b.counterpartyBank)).toEqual([null, '招商银行', '本行']);
    expect(view.months.map((m) => [m.month, m.netInflowFen])).toEqual([
      ['2026-10', 1_000],
      ['2026-11', -550],
    ]);
  });
  it('put an org’s records under the unit just below the scope', () => {
    expect(childUnitOf('/HO/', '/HO/BJ/BJ-CY/')).toBe('BJ');
    expect(childUnitOf('/HO/BJ/', '/HO/BJ/')).toBe('BJ');
    const view = netOutflowView({ orgId: 'HO', orgPath: '/HO/' }, '2026-11', '2026-11', [
      {
        orgId: 'BJ-CY',
        orgPath: '/HO/BJ/BJ-CY/',
        bank: '招商银行',
        month: '2026-11',
        outFen: 900,
        inFen: 100,
        outCount: 2,
        inCount: 1,
      },
      {
        orgId: 'SH',
        orgPath: '/HO/SH/',
        bank: '招商银行',
        month: '2026-11',
        outFen: 50,
        inFen: 0,
        outCount: 1,
        inCount: 0,
      },
    ]);
    expect(view.totals).toMatchObject({ outflowFen: 950, inflowFen: 100, netOutflowFen: 850 });
    expect(view.byOrg.map((o) => [o.orgId, o.netOutflowFen])).toEqual([
      ['BJ', 800],
      ['SH', 50],
    ]);
  });
});

describe('the outcome report', () => {
  it('sums raised, closed by outcome and money kept, with a retention rate', () => {
    const a = alert();
    const kept = close(a, 'rm-1', '2026-11-18T05:00:00.000Z', { outcome: 'retained', note: '留住了' })!;
    const lost = close(alert({ amountAtRiskFen: 100 }), 'rm-1', '2026-11-18T13:00:00.000Z', {
      outcome: 'lost',
      note: '转走了',
    })!;
    const na = close(alert({ amountAtRiskFen: 5 }), 'rm-1', '2026-11-18T04:00:00.000Z', {
      outcome: 'not_applicable',
      note: '本人互转',
    })!;
    const cell = (counters: Record<string, number>) => ({
      orgPath: '/HO/',
      ruleId: 'large-transaction',
      month: '2026-11',
      counters,
    });
    const { rows, total } = outcomeReport([
      cell(raisedCounters(a)),
      cell(raisedCounters(a)),
      cell(raisedCounters(a)),
      cell(raisedCounters(a)),
      cell(closedCounters(kept)),
      cell(closedCounters(lost)),
      cell(closedCounters(na)),
    ]);
    expect(rows).toHaveLength(1);
    expect(total).toMatchObject({
      raised: 4,
      closed: 3,
      open: 1,
      closedWithinSla: 2,
      retainedFen: 60_000_000,
      retentionRate: 0.5,
      outcomes: { retained: { count: 1, atRiskFen: 60_000_000 }, lost: { count: 1, atRiskFen: 100 } },
    });
    expect(formatYuan(-123_456)).toBe('-¥1,234.56');
  });
});
