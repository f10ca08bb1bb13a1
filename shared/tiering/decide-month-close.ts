// The month close's decision (月末定级), pure: a closed month's average takes the customer up at once;
// down only after `downgradeAfterMonths` consecutive closed months below the tier (the 缓冲期), to the
// best of them. And which months a close has to close for a customer (catching up, bounded).
import type { Tier } from '#shared/customers/customer.js';
import { addMonths, lastDayOf, monthsFrom, type Month } from './calendar.js';
import { monthAum, type MonthAum, type MonthCounters } from './aum.js';
import {
  policyInForce,
  qualifyingTier,
  thresholdOf,
  weighted,
  weightedAverageFen,
  type TierPolicy,
} from './policy.js';
import { higher, isAbove } from './tier-order.js';
import { yuan, type TierChange } from './tier-change.js';

/** A customer's standing across month closes. */
export interface TierStanding {
  tier: Tier;
  /** the first month closed for this customer: the buffer counts no month before it */
  firstClosed?: Month;
  closedThrough?: Month;
}

export interface MonthCloseOutcome {
  month: Month;
  policyVersion: number;
  avgAumFen: number;
  qualifies: Tier;
  tierBefore: Tier;
  tierAfter: Tier;
  /** consecutive closed months, up to this one, that qualify below `tierBefore` */
  belowMonths: number;
  change?: TierChange;
}

/**
 * Closing a month: up at once if its average reaches a higher tier; down only when the last
 * `downgradeAfterMonths` closed months all fell below the tier, and then to the best of them.
 * `months`: the closing month first, then the months closed before it, newest first.
 */
export const decideMonthClose = (
  tier: Tier,
  policy: TierPolicy,
  months: readonly MonthAum[],
): MonthCloseOutcome => {
  const closing = months[0]!;
  const standing = months.map((aum) => {
    const sum = weighted(policy, aum.sums);
    return {
      aum,
      qualifies: qualifyingTier(policy, sum, aum.daysInMonth),
      avgAumFen: weightedAverageFen(sum, aum.daysInMonth),
    };
  });
  const { qualifies, avgAumFen } = standing[0]!;
  let belowMonths = 0;
  while (belowMonths < standing.length && isAbove(tier, standing[belowMonths]!.qualifies)) belowMonths++;
  const outcome: MonthCloseOutcome = {
    month: closing.month,
    policyVersion: policy.version,
    avgAumFen,
    qualifies,
    tierBefore: tier,
    tierAfter: tier,
    belowMonths,
  };
  if (isAbove(qualifies, tier)) {
    outcome.tierAfter = qualifies;
    outcome.change = {
      from: tier,
      to: qualifies,
      direction: 'upgrade',
      reason: 'month_close',
      month: closing.month,
      avgAumFen,
      thresholdFen: thresholdOf(policy, qualifies),
      policyVersion: policy.version,
      explanation: `${closing.month} closed with a daily average of ${yuan(avgAumFen)}, reaching ${qualifies} (${yuan(thresholdOf(policy, qualifies))})`,
    };
  } else if (belowMonths >= policy.downgradeAfterMonths) {
    const window = standing.slice(0, policy.downgradeAfterMonths);
    const to = window.reduce<Tier>((best, m) => higher(best, m.qualifies), window[0]!.qualifies);
    outcome.tierAfter = to;
    outcome.change = {
      from: tier,
      to,
      direction: 'downgrade',
      reason: 'downgrade_after_buffer',
      month: closing.month,
      avgAumFen,
      thresholdFen: thresholdOf(policy, tier),
      policyVersion: policy.version,
      explanation: `${belowMonths} consecutive closed months below ${tier} (${yuan(thresholdOf(policy, tier))}), the buffer being ${policy.downgradeAfterMonths}; the best of the last ${policy.downgradeAfterMonths} reaches ${to}`,
    };
  }
  return outcome;
};

/** At most this many months are closed in one go for a customer (catching up after missed closes). */
export const MAX_CATCH_UP_MONTHS = 12;

/**
 * The months a close of `month` has to close for this customer, oldest first: those after the last
 * one closed; for a customer never closed, from the first month with any AUM (bounded).
 */
export const monthsToClose = (standing: TierStanding, month: Month, firstMonthWithAum?: Month): Month[] => {
  if (standing.closedThrough && standing.closedThrough >= month) return [];
  const earliest = addMonths(month, -(MAX_CATCH_UP_MONTHS - 1));
  let from = standing.closedThrough
    ? addMonths(standing.closedThrough, 1)
    : firstMonthWithAum && firstMonthWithAum < month
      ? firstMonthWithAum
      : month;
  if (from < earliest) from = earliest;
  return monthsFrom(from, month);
};

/** Closes `months` in order (see {@link monthsToClose}), each with the policy in force on its last day. */
export const closeMonths = (
  standing: TierStanding,
  counters: readonly MonthCounters[],
  policies: readonly TierPolicy[],
  months: readonly Month[],
): { standing: TierStanding; outcomes: MonthCloseOutcome[] } => {
  let current: TierStanding = { ...standing };
  const outcomes: MonthCloseOutcome[] = [];
  for (const month of months) {
    const firstClosed = current.firstClosed ?? month;
    const from = addMonths(month, -(MAX_CATCH_UP_MONTHS - 1));
    const window = monthsFrom(firstClosed > from ? firstClosed : from, month)
      .reverse()
      .map((m) => monthAum(counters, m));
    const outcome = decideMonthClose(current.tier, policyInForce(policies, lastDayOf(month)), window);
    outcomes.push(outcome);
    current = { tier: outcome.tierAfter, firstClosed, closedThrough: month };
  }
  return { standing: current, outcomes };
};
