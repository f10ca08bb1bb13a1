// EventBridge Scheduler cron expressions — `cron(minutes hours day-of-month month day-of-week year)` —
// evaluated in Asia/Shanghai (UTC+8, no daylight saving). Supports numbers, names, `*`, `?`, lists,
// ranges and steps; `L`, `W` and `#` are refused at parse time rather than misread.
import { SHANGHAI_OFFSET_MS } from '#shared/clock.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number> | 'any';
  months: Set<number>;
  /** 1 = Sunday … 7 = Saturday, as EventBridge counts. */
  daysOfWeek: Set<number> | 'any';
  years: Set<number> | 'any';
}

const field = (text: string, min: number, max: number, names: string[] = [], nameBase = min): Set<number> => {
  const values = new Set<number>();
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + nameBase : Number(token);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`cron value ${token} is outside ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    if (/[LW#]/i.test(part) && !names.some((n) => part.toUpperCase().includes(n))) {
      throw new Error(`cron token ${part} (L, W, #) is not supported by the local scheduler`);
    }
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      throw new Error(`cron step ${stepText} is not a positive integer`);
    let from: number, to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range!.includes('-')) {
      const [a, b] = range!.split('-');
      [from, to] = [value(a!), value(b!)];
    } else {
      from = value(range!);
      to = stepText === undefined ? from : max;
    }
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return values;
};

export const parseCron = (expression: string): CronSchedule => {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  if (!match) throw new Error(`not a cron expression: ${expression}`);
  const parts = match[1]!.trim().split(/\s+/);
  if (parts.length !== 6) throw new Error(`cron needs 6 fields, got ${parts.length}: ${expression}`);
  const [min, hour, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?'))
    throw new Error('cron: exactly one of day-of-month and day-of-week must be ?');
  return {
    minutes: field(min, 0, 59),
    hours: field(hour, 0, 23),
    daysOfMonth: dom === '?' || dom === '*' ? 'any' : field(dom, 1, 31),
    months: field(month, 1, 12, MONTHS, 1),
    daysOfWeek: dow === '?' || dow === '*' ? 'any' : field(dow, 1, 7, DAYS, 1),
    years: year === '*' ? 'any' : field(year, 1970, 2199),
  };
};

/** The first fire time strictly after `after`, or undefined if none within ten years. */
export const nextFire = (schedule: CronSchedule, after: Date): Date | undefined => {
  // Work on Shanghai wall-clock time expressed as a UTC date, then shift back.
  const local = new Date(after.getTime() + SHANGHAI_OFFSET_MS);
  local.setUTCSeconds(0, 0);
  local.setUTCMinutes(local.getUTCMinutes() + 1);
  const limit = local.getTime() + 10 * 366 * 86_400_000;
  while (local.getTime() < limit) {
    const dayFits =
      (schedule.years === 'any' || schedule.years.has(local.getUTCFullYear())) &&
      schedule.months.has(local.getUTCMonth() + 1) &&
      (schedule.daysOfMonth === 'any' || schedule.daysOfMonth.has(local.getUTCDate())) &&
      (schedule.daysOfWeek === 'any' || schedule.daysOfWeek.has(local.getUTCDay() + 1));
    if (!dayFits) {
      local.setUTCDate(local.getUTCDate() + 1);
      local.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!schedule.hours.has(local.getUTCHours())) {
      local.setUTCHours(local.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!schedule.minutes.has(local.getUTCMinutes())) {
      local.setUTCMinutes(local.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return new Date(local.getTime() - SHANGHAI_OFFSET_MS);
  }
  return undefined;
};
