// Each rule's hits (命中次数): alerts raised per rule and business day (Asia/Shanghai, of the raise),
// counted by an ADD in the same TransactWriteItems as the conditional put that raises the alert, so
// a replay that finds the alert raised adds nothing: exactly once. "Hits in the last 30 days" is then
// a sum of at most 30 small cells per rule, never a scan of alerts. Pure: keys and sums.
import { addDays, monthOf } from './days.js';

export const HITS_DAYS = 30;

/** One partition per month of hit cells: `rulehits#<YYYY-MM>`, sorted `<date>#<ruleId>`. */
export const hitsPartition = (month: string): string => `rulehits#${month}`;
export const hitsCellKey = (businessDate: string, ruleId: string) => ({
  aggregateKey: hitsPartition(monthOf(businessDate)),
  scopeKey: `${businessDate}#${ruleId}`,
});

export interface HitCell {
  businessDate: string;
  ruleId: string;
  hits: number;
}

/** The days counted as "the last 30 days" on `today`: today and the 29 before it. */
export const hitsWindow = (today: string, days = HITS_DAYS): { from: string; to: string } => ({
  from: addDays(today, -(days - 1)),
  to: today,
});

/** Hits per rule over [from, to] from the cells (cells outside the range are ignored). */
export const sumHits = (cells: readonly HitCell[], from: string, to: string): Map<string, number> => {
  const hits = new Map<string, number>();
  for (const cell of cells) {
    if (cell.businessDate < from || cell.businessDate > to) continue;
    hits.set(cell.ruleId, (hits.get(cell.ruleId) ?? 0) + cell.hits);
  }
  return hits;
};
