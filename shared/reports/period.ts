// A report's period: a month (2026-11), a quarter (2026-Q4) or a year (2026); monthly counters are
// summed over the months it spans. Pure; the current month is passed in.
import * as z from 'zod';

export const ReportPeriod = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'must be a month (2026-11), quarter (2026-Q4) or year (2026)')
  .describe('YYYY-MM, YYYY-Qn or YYYY (default: this month)');

export const monthsOf = (period: string): string[] => {
  const year = period.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);
  if (quarter) return range(Number(quarter[1]) * 3 - 2, Number(quarter[1]) * 3);
  if (period.length === 4) return range(1, 12);
  return [period];
};
