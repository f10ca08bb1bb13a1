// Performance periods of Asia/Shanghai business dates: a day (`2026-11-20`), a month (`2026-11`),
// a quarter (`2026-Q4`) and a year (`2026`). Their text is also the aggregate's key, so a day sorts
// inside its month's range and a period needs no lookup table.
import * as z from 'zod';
import { businessDateOf } from '#shared/clock.js';

export const PERIOD_KINDS = ['day', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

const isCalendarDay = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export const periodKind = (period: string): PeriodKind | undefined => {
  if (DAY.test(period)) return isCalendarDay(period) ? 'day' : undefined;
  const month = MONTH.exec(period);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? 'month' : undefined;
  if (QUARTER.test(period)) return 'quarter';
  if (YEAR.test(period)) return 'year';
  return undefined;
};

export const Period = z
  .string()
  .refine(
    (p) => periodKind(p) !== undefined,
    'must be a day (2026-11-20), month (2026-11), quarter (2026-Q4) or year (2026)',
  );

export const quarterOf = (businessDate: string): string =>
  `${businessDate.slice(0, 4)}-Q${Math.floor((Number(businessDate.slice(5, 7)) - 1) / 3) + 1}`;

/** The four periods a business date counts in: its day, month, quarter and year. */
export const periodsOf = (businessDate: string): [string, string, string, string] => [
  businessDate,
  businessDate.slice(0, 7),
  quarterOf(businessDate),
  businessDate.slice(0, 4),
];

const lastDayOfMonth = (year: number, month: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;

/** First and last business date of a period, both included. */
export const periodRange = (period: string): { from: string; to: string } => {
  const kind = periodKind(period);
  if (kind === 'day') return { from: period, to: period };
  const year = Number(period.slice(0, 4));
  if (kind === 'month') {
    const month = Number(period.slice(5, 7));
    return { from: `${period}-01`, to: lastDayOfMonth(year, month) };
  }
  if (kind === 'quarter') {
    const q = Number(period.slice(6));
    const first = (q - 1) * 3 + 1;
    return {
      from: `${period.slice(0, 4)}-${String(first).padStart(2, '0')}-01`,
      to: lastDayOfMonth(year, first + 2),
    };
  }
  if (kind === 'year') return { from: `${period}-01-01`, to: `${period}-12-31` };
  throw new RangeError(`not a period: ${period}`);
};

/** This month, in Asia/Shanghai: the default period of lists and leaderboards. */
export const currentMonth = (now: Date): string => businessDateOf(now).slice(0, 7);
