// Business days (`YYYY-MM-DD`, Asia/Shanghai) as plain strings, counted as epoch days. Pure.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a business date. */
export const epochDay = (businessDate: string): number =>
  Math.round(
    Date.UTC(
      Number(businessDate.slice(0, 4)),
      Number(businessDate.slice(5, 7)) - 1,
      Number(businessDate.slice(8, 10)),
    ) / DAY_MS,
  );

export const dateOfEpochDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const addDays = (businessDate: string, days: number): string =>
  dateOfEpochDay(epochDay(businessDate) + days);

/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => epochDay(to) - epochDay(from);

/** `YYYY-MM` of a business date. */
export const monthOf = (businessDate: string): string => businessDate.slice(0, 7);

export const firstDayOfMonth = (businessDate: string): string => `${monthOf(businessDate)}-01`;

/** `YYYY-MM` plus `count` months (negative goes back). */
export const addMonths = (month: string, count: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** Every month from `from` to `to`, both included. */
export const monthsFrom = (from: string, to: string): string[] => {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
};
