// Performance periods of Asia/Shanghai business dates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  currentMonth,
  Period,
  periodKind,
  periodRange,
  periodsOf,
  quarterOf,
} from '#shared/performance/period.js';

describe('periods', () => {
  it('a business date counts in its day, month, quarter and year', () => {
    expect(periodsOf('2026-11-20')).toEqual(['2026-11-20', '2026-11', '2026-Q4', '2026']);
    expect(periodsOf('2026-01-01')).toEqual(['2026-01-01', '2026-01', '2026-Q1', '2026']);
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
  });

  it('knows each period’s first and last day', () => {
    expect(periodRange('2026-11-20')).toEqual({ from: '2026-11-20', to: '2026-11-20' });
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('accepts only real periods', () => {
    for (const p of ['2026-11-20', '2026-11', '2026-Q4', '2026'])
      expect(Period.safeParse(p).success).toBe(true);
    for (const p of ['2026-02-30', '2026-13', '2026-Q5', '26', '2026-11-20T00:00', 'this-month']) {
      expect(Period.safeParse(p).success, p).toBe(false);
    }
    expect(periodKind('2026-Q2')).toBe('quarter');
  });

  it('every date lies inside each of its periods (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const date = d.toISOString().slice(0, 10);
          for (const period of periodsOf(date)) {
            const { from, to } = periodRange(period);
            expect(from <= date && date <= to).toBe(true);
          }
        },
      ),
    );
  });

  it('this month is the Asia/Shanghai one', () => {
    expect(currentMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12'); // 00:30 on 1 Dec in Beijing
    expect(currentMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });
});
