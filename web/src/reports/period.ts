// A report's period as people choose it — a month, a quarter or a year — and how each report's query
// takes it: `period=` (2026-11, 2026-Q4, 2026), `from=&to=` months, or `month=` only. Pure.
import type { Query } from '../api/client';

/** What a report accepts: no period (as of now), a period, a range of months, or one month. */
export type PeriodTake = 'snapshot' | 'period' | 'range' | 'month';

const monthFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
});

/** This month in Beijing time, `YYYY-MM`. */
export const thisMonth = (now: Date = new Date()): string => monthFormat.format(now).slice(0, 7);

const shift = (month: string, by: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

export interface PeriodChoices {
  months: string[];
  quarters: string[];
  years: string[];
}

/** The last 12 months, the last 4 quarters and the last 2 years, newest first. */
export const periodChoices = (month: string = thisMonth()): PeriodChoices => {
  const months = Array.from({ length: 12 }, (_, i) => shift(month, -i));
  const quarters = Array.from({ length: 4 }, (_, i) => {
    const m = shift(month, -3 * i);
    return `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`;
  });
  const year = Number(month.slice(0, 4));
  return { months, quarters, years: [String(year), String(year - 1)] };
};

/** The first and last month of a period. */
export const monthSpan = (period: string): { from: string; to: string } => {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const last = Number(quarter[2]) * 3;
    const mm = (m: number) => `${quarter[1]}-${String(m).padStart(2, '0')}`;
    return { from: mm(last - 2), to: mm(last) };
  }
  if (/^\d{4}$/.test(period)) return { from: `${period}-01`, to: `${period}-12` };
  return { from: period, to: period };
};

export const isMonth = (period: string): boolean => /^\d{4}-\d{2}$/.test(period);

/** The query parameters a report takes for this period. */
export const periodQuery = (take: PeriodTake, period: string): Query => {
  switch (take) {
    case 'snapshot':
      return {};
    case 'period':
      return { period };
    case 'range':
      return monthSpan(period);
    case 'month':
      return { month: isMonth(period) ? period : monthSpan(period).to };
  }
};
