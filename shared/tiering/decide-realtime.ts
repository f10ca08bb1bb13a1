// Real-time evaluation's decision (实时评级), pure: after an AUM change, upgrade at once when the days
// of the month so far guarantee its average reaches a higher tier, or when a late change lifts the last
// closed month; and where the customer stands this month (the outlook). Never a downgrade: that is the
// month close's, after its buffer.
import type { Tier } from '#shared/customers/customer.js';
import type { Month } from './calendar.js';
import { ceilDiv, floorDiv, toFen, type MonthAum } from './aum.js';
import {
  WEIGHT_SCALE,
  qualifyingTier,
  thresholdOf,
  weightOf,
  weighted,
  weightedAverageFen,
  type TierPolicy,
} from './policy.js';
import { higher, isAbove } from './tier-order.js';
import { yuan, type TierChange } from './tier-change.js';

/** Where a customer stands this month, after their latest AUM change. */
export interface TierOutlook {
  asOf: string;
  month: Month;
  /** days of the month counted so far (through `asOf`) */
  day: number;
  daysInMonth: number;
  policyVersion: number;
  /** weighted balance at the end of `asOf` */
  balanceFen: number;
  /** weighted average over the month's days so far */
  avgAumFen: number;
  /** the month's average the days so far guarantee (balances cannot go below zero) */
  guaranteedAvgAumFen: number;
  guaranteedTier: Tier;
  /** the month's average if today's balances stay until its last day */
  projectedAvgAumFen: number;
  projectedTier: Tier;
  /** the first tier above both the current and the projected one */
  nextTier?: Tier;
  nextThresholdFen?: number;
  /** how far the projected average is below the next tier's threshold */
  gapToNextFen?: number;
  /** a deposit made today and kept to month end that would close the gap */
  depositNeededFen?: number;
}

export interface RealtimeInput {
  tier: Tier;
  /** in force today */
  policy: TierPolicy;
  /** this month through today */
  mtd: MonthAum;
  asOf: string;
  /** the customer's last closed month, complete, with the policy of its last day */
  lastClosed?: { aum: MonthAum; policy: TierPolicy };
}

export interface RealtimeDecision {
  tier: Tier;
  change?: TierChange;
  outlook: TierOutlook;
}

/** After an AUM change: upgrade at once when this month is guaranteed (or a corrected closed month) reaches a higher tier. */
export const decideRealtime = (input: RealtimeInput): RealtimeDecision => {
  const { policy, mtd } = input;
  const length = mtd.daysInMonth;
  const sum = weighted(policy, mtd.sums);
  const balance = weighted(policy, mtd.closing);
  const projected = sum + BigInt(length - mtd.days) * balance;
  const guaranteedTier = qualifyingTier(policy, sum, length);
  const projectedTier = qualifyingTier(policy, projected, length);

  let change: TierChange | undefined;
  if (input.lastClosed) {
    const { aum, policy: closedPolicy } = input.lastClosed;
    const closedSum = weighted(closedPolicy, aum.sums);
    const qualifies = qualifyingTier(closedPolicy, closedSum, aum.daysInMonth);
    if (isAbove(qualifies, input.tier)) {
      const avgAumFen = weightedAverageFen(closedSum, aum.daysInMonth);
      change = {
        from: input.tier,
        to: qualifies,
        direction: 'upgrade',
        reason: 'closed_month_correction',
        month: aum.month,
        avgAumFen,
        thresholdFen: thresholdOf(closedPolicy, qualifies),
        policyVersion: closedPolicy.version,
        explanation: `${aum.month} corrected: its daily average ${yuan(avgAumFen)} reaches ${qualifies} (${yuan(thresholdOf(closedPolicy, qualifies))})`,
      };
    }
  }
  if (isAbove(guaranteedTier, change?.to ?? input.tier)) {
    const avgAumFen = weightedAverageFen(sum, length);
    change = {
      from: input.tier,
      to: guaranteedTier,
      direction: 'upgrade',
      reason: 'month_to_date_guaranteed',
      month: mtd.month,
      avgAumFen,
      thresholdFen: thresholdOf(policy, guaranteedTier),
      policyVersion: policy.version,
      explanation: `the ${mtd.days} days of ${mtd.month} so far already give a daily average of at least ${yuan(avgAumFen)} over its ${length} days, reaching ${guaranteedTier} (${yuan(thresholdOf(policy, guaranteedTier))})`,
    };
  }
  const tier = change?.to ?? input.tier;

  const outlook: TierOutlook = {
    asOf: input.asOf,
    month: mtd.month,
    day: mtd.days,
    daysInMonth: length,
    policyVersion: policy.version,
    balanceFen: toFen(floorDiv(balance, WEIGHT_SCALE)),
    avgAumFen: mtd.days > 0 ? weightedAverageFen(sum, mtd.days) : 0,
    guaranteedAvgAumFen: weightedAverageFen(sum, length),
    guaranteedTier,
    projectedAvgAumFen: weightedAverageFen(projected, length),
    projectedTier,
  };
  const reached = higher(tier, projectedTier);
  const next = policy.tiers.find((t) => isAbove(t.tier, reached));
  if (next) {
    const missing = BigInt(next.minAvgAumFen) * WEIGHT_SCALE * BigInt(length) - projected;
    outlook.nextTier = next.tier;
    outlook.nextThresholdFen = next.minAvgAumFen;
    outlook.gapToNextFen = toFen(ceilDiv(missing, WEIGHT_SCALE * BigInt(length)));
    const depositWeight = weightOf(policy, 'deposit');
    // kept from today (day t) to the month's last day: counted on (D − t + 1) days
    if (depositWeight > 0n) {
      outlook.depositNeededFen = toFen(ceilDiv(missing, depositWeight * BigInt(length - mtd.days + 1)));
    }
  }
  return { tier, ...(change ? { change } : {}), outlook };
};
