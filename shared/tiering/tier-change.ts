// A tier change (升级 / 降级) as the decisions give it: from, to, the rule that decided it, the month
// and average behind it, the threshold crossed and the policy version, with a sentence that says why.
import type { Tier } from '#shared/customers/customer.js';
import type { Month } from './calendar.js';

export const TIER_CHANGE_REASONS = [
  /** the month so far already guarantees the month's average reaches the tier (升级: at once) */
  'month_to_date_guaranteed',
  /** a late or back-dated change lifted the last closed month above the tier */
  'closed_month_correction',
  /** the closed month's average reached a higher tier */
  'month_close',
  /** N consecutive closed months below the tier (降级 after the 缓冲期) */
  'downgrade_after_buffer',
] as const;
export type TierChangeReason = (typeof TIER_CHANGE_REASONS)[number];

export interface TierChange {
  from: Tier;
  to: Tier;
  direction: 'upgrade' | 'downgrade';
  reason: TierChangeReason;
  /** The month whose average decided it. */
  month: Month;
  /** Its weighted month-daily-average AUM; for `month_to_date_guaranteed`, the floor guaranteed so far. */
  avgAumFen: number;
  /** The threshold crossed: the new tier's for an upgrade, the old tier's (not reached) for a downgrade. */
  thresholdFen: number;
  policyVersion: number;
  explanation: string;
}

/** Fen as the explanations say it: ¥1,234.5 */
export const yuan = (fen: number): string =>
  `¥${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
