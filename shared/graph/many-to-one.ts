// The many-to-one outflow pattern (电信诈骗, a mule account): at least `minPayers` of our customers
// first paying the same new other-bank account within `windowDays` days. Pure: the rule as data
// (thresholds, SLA) and which window, if any, a payer's first payment completes.
import * as z from 'zod';
import { SEVERITIES } from '#shared/monitoring/rule.js';
import { addDays, daysBetween } from '#shared/monitoring/days.js';

export const ManyToOneRule = z.strictObject({
  ruleId: z.string().default('graph-many-to-one'),
  version: z.number().int().min(1).default(1),
  name: z.string().default('多对一转出（疑似涉诈账户）'),
  /** how many of our customers paying one account make the pattern (N) */
  minPayers: z.number().int().min(2).max(50).default(5),
  /** within how many days, first payment to last (D) */
  windowDays: z.number().int().min(1).max(90).default(3),
  /** an account first paid by any of our customers longer ago than this is not new */
  newAccountDays: z.number().int().min(1).max(365).default(30),
  /** how many other payers an alert lists at most */
  listed: z.number().int().min(1).max(100).default(50),
  severity: z.enum(SEVERITIES).default('critical'),
  slaHours: z.number().int().min(1).max(720).default(4),
  escalate: z.boolean().default(true),
});
export type ManyToOneRule = z.infer<typeof ManyToOneRule>;

export const DEFAULT_MANY_TO_ONE: ManyToOneRule = ManyToOneRule.parse({});

export interface PayerWindow {
  start: string;
  /** last day, included */
  end: string;
  payers: number;
}

/** The days whose counts decide the windows holding `date`: D − 1 days either side. */
export const daysAround = (date: string, rule: Pick<ManyToOneRule, 'windowDays'>) => ({
  from: addDays(date, -(rule.windowDays - 1)),
  to: addDays(date, rule.windowDays - 1),
});

/**
 * The windows of D days holding `date` in which at least N payers first paid, earliest first, given
 * the first payers per day around it. Every window a first payment can complete holds its date, so
 * checking these on each first payment finds every window that reaches N, whatever the order.
 */
export const firingWindows = (
  perDay: ReadonlyMap<string, number>,
  date: string,
  rule: Pick<ManyToOneRule, 'windowDays' | 'minPayers'>,
): PayerWindow[] => {
  const windows: PayerWindow[] = [];
  for (let offset = rule.windowDays - 1; offset >= 0; offset--) {
    const start = addDays(date, -offset);
    const end = addDays(start, rule.windowDays - 1);
    let payers = 0;
    for (let day = 0; day < rule.windowDays; day++) payers += perDay.get(addDays(start, day)) ?? 0;
    if (payers >= rule.minPayers) windows.push({ start, end, payers });
  }
  return windows;
};

/** New: first paid by any of our customers no more than `newAccountDays` before the window ends. */
export const isNewAccount = (
  firstSeen: string,
  window: PayerWindow,
  rule: Pick<ManyToOneRule, 'newAccountDays'>,
) => daysBetween(firstSeen, window.end) < rule.newAccountDays;
