// Dedup windows (去重窗口): one alert per rule × customer × window. Windows are tumbling runs of
// `windowDays` business days counted from Monday 1970-01-05, so a window is a pure function of the
// business date (weekly windows run Monday to Sunday) and the alert id a pure function of rule,
// customer and window: however often or in whatever order the stream delivers, the id is the same
// and the conditional put lets only the first one in.
import { createHash } from 'node:crypto';
import { dateOfEpochDay, epochDay } from './days.js';

const FIRST_MONDAY = 4; // 1970-01-05

export interface DedupWindow {
  /** `2026-11-16P7D`: the first day and the length. */
  key: string;
  start: string;
  /** last day, included */
  end: string;
}

export const dedupWindow = (businessDate: string, windowDays: number): DedupWindow => {
  const day = epochDay(businessDate);
  const start = FIRST_MONDAY + Math.floor((day - FIRST_MONDAY) / windowDays) * windowDays;
  const startDate = dateOfEpochDay(start);
  return {
    key: `${startDate}P${windowDays}D`,
    start: startDate,
    end: dateOfEpochDay(start + windowDays - 1),
  };
};

/** `AL` + 24 hex digits of sha-256(rule, customer, window). */
export const alertIdOf = (ruleId: string, customerId: string, windowKey: string): string =>
  'AL' +
  createHash('sha256')
    .update(`${ruleId}\n${customerId}\n${windowKey}`)
    .digest('hex')
    .slice(0, 24)
    .toUpperCase();
