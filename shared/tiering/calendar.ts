// Calendar months and days of Asia/Shanghai business dates (`YYYY-MM-DD`), as plain strings.
// 日均AUM counts calendar days, so a month has 28 to 31 of them whatever the weekday.

/** `YYYY-MM` */
export type Month = string;

export const monthOf = (businessDate: string): Month => businessDate.slice(0, 7);

/** Day of the month, 1-based: the `e` of the linear counters. */
export const dayOf = (businessDate: string): number => Number(businessDate.slice(8, 10));

export const daysInMonth = (month: Month): number => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
};

export const addMonths = (month: Month, count: number): Month => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** Every month from `from` to `to`, both included (empty when `from` is after `to`). */
export const monthsFrom = (from: Month, to: Month): Month[] => {
  const months: Month[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
};

export const firstDayOf = (month: Month): string => `${month}-01`;
export const lastDayOf = (month: Month): string => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;

export const isMonth = (value: string): boolean => {
  if (!/^\d{4}-\d{2}$/.test(value)) return false;
  const monthNumber = Number(value.slice(5, 7));
  return monthNumber >= 1 && monthNumber <= 12;
};
