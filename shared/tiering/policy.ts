// Tier policy (客户分层): ordered tiers with thresholds on the weighted month-daily-average AUM, a
// weight per asset class, and a downgrade buffer. Pure: thresholds, weights and buffer → a decision
// with its reason. Thresholds are configuration (versioned, effective from a date), never constants.
import * as z from 'zod';
import { TIERS, type Tier } from '#shared/customers/customer.js';
import { ASSET_CLASSES, BusinessDate, type AssetClass } from '#shared/transactions/transaction.js';
import { addMonths, lastDayOf, monthsFrom, type Month } from './calendar.js';
import {
  ceilDiv,
  floorDiv,
  monthAum,
  toFen,
  type ClassFen,
  type MonthAum,
  type MonthCounters,
} from './aum.js';

/** Weights have at most four decimals and are applied as integers: 0.5 → 5000 / 10000. */
export const WEIGHT_SCALE = 10_000n;
const MAX_WEIGHT = 10;

export const TierThreshold = z.strictObject({
  tier: z.enum(TIERS),
  /** The lowest weighted month-daily-average AUM of this tier, in fen. */
  // refinements rather than .int(): they do not abort, so the list's overlap check still runs
  minAvgAumFen: z
    .number()
    .refine(Number.isSafeInteger, 'must be a whole number of fen')
    .refine((n) => n >= 0, 'must not be negative'),
});
export type TierThreshold = z.infer<typeof TierThreshold>;

const tierRank = (tier: Tier): number => TIERS.indexOf(tier);
export const isAbove = (a: Tier, b: Tier): boolean => tierRank(a) > tierRank(b);
const higher = (a: Tier, b: Tier): Tier => (isAbove(a, b) ? a : b);

const Tiers = z
  .array(TierThreshold)
  .min(1)
  .max(TIERS.length)
  .superRefine(
    (tiers, ctx) => {
      // runs even when an entry failed its own schema, so every overlap is reported at once
      const entry = (i: number) => {
        const value: unknown = tiers[i];
        return typeof value === 'object' && value !== null ? (value as Partial<TierThreshold>) : undefined;
      };
      const first = entry(0);
      if (first && first.tier !== 'standard') {
        ctx.addIssue({ code: 'custom', path: [0, 'tier'], message: 'the first tier must be standard' });
      }
      if (first && first.minAvgAumFen !== 0) {
        ctx.addIssue({ code: 'custom', path: [0, 'minAvgAumFen'], message: 'the first tier starts at 0' });
      }
      for (let i = 1; i < tiers.length; i++) {
        const [previous, current] = [entry(i - 1), entry(i)];
        if (!previous || !current) continue;
        if (current.tier && previous.tier && tierRank(current.tier) <= tierRank(previous.tier)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'tier'],
            message: `must rank above ${previous.tier}: list tiers once each, from the lowest up (${TIERS.join(' < ')})`,
          });
        }
        if (
          typeof current.minAvgAumFen === 'number' &&
          typeof previous.minAvgAumFen === 'number' &&
          current.minAvgAumFen <= previous.minAvgAumFen
        ) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'minAvgAumFen'],
            message: `overlaps ${previous.tier}: must be greater than ${previous.minAvgAumFen}`,
          });
        }
      }
    },
    { when: (payload) => Array.isArray(payload.value) },
  );

const Weights = z.record(z.string(), z.number()).superRefine((weights, ctx) => {
  for (const [key, weight] of Object.entries(weights)) {
    if (!(ASSET_CLASSES as readonly string[]).includes(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `is not an asset class (${ASSET_CLASSES.join(', ')})`,
      });
    } else if (weight < 0) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must not be negative' });
    } else if (weight > MAX_WEIGHT) {
      ctx.addIssue({ code: 'custom', path: [key], message: `must be at most ${MAX_WEIGHT}` });
    } else if (Math.abs(weight * 10_000 - Math.round(weight * 10_000)) > 1e-6) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'has more than four decimals' });
    }
  }
});

/** What an admin PUTs: a new version of the policy, in force from `effectiveFrom`. */
export const TierPolicyInput = z.strictObject({
  effectiveFrom: BusinessDate.describe('first business day (Asia/Shanghai) the policy applies to'),
  tiers: Tiers.describe('from standard (at 0) up, thresholds strictly increasing'),
  weights: Weights.default({}).describe(
    'weight per asset class, 0–10 with up to four decimals; a class not given weighs 1',
  ),
  downgradeAfterMonths: z
    .number()
    .int()
    .min(1)
    .max(12)
    .default(3)
    .describe('a customer goes down only after this many consecutive closed months below their tier'),
  note: z.string().trim().max(200).optional(),
});
export type TierPolicyInput = z.infer<typeof TierPolicyInput>;

export const TierPolicy = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  tiers: z.array(TierThreshold),
  weights: z.record(z.enum(ASSET_CLASSES), z.number()),
  downgradeAfterMonths: z.number().int(),
  note: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TierPolicy = z.infer<typeof TierPolicy>;

const allWeights = (given: Record<string, number>): Record<AssetClass, number> =>
  Object.fromEntries(ASSET_CLASSES.map((c) => [c, given[c] ?? 1])) as Record<AssetClass, number>;

/** 普通 < ¥50k ≤ 金卡 < ¥500k ≤ 白金 < ¥2m ≤ 钻石 < ¥6m ≤ 私人银行; insurance counts half. */
export const DEFAULT_TIER_POLICY: TierPolicy = {
  version: 0,
  effectiveFrom: '1970-01-01',
  tiers: [
    { tier: 'standard', minAvgAumFen: 0 },
    { tier: 'gold', minAvgAumFen: 5_000_000 },
    { tier: 'platinum', minAvgAumFen: 50_000_000 },
    { tier: 'diamond', minAvgAumFen: 200_000_000 },
    { tier: 'private_banking', minAvgAumFen: 600_000_000 },
  ],
  weights: allWeights({ insurance: 0.5 }),
  downgradeAfterMonths: 3,
  note: 'built-in default',
  createdAt: '1970-01-01T00:00:00.000Z',
  createdBy: 'system',
};

export const policyVersion = (
  input: TierPolicyInput,
  version: number,
  createdAt: string,
  createdBy: string,
): TierPolicy => ({
  version,
  effectiveFrom: input.effectiveFrom,
  tiers: input.tiers,
  weights: allWeights(input.weights),
  downgradeAfterMonths: input.downgradeAfterMonths,
  ...(input.note ? { note: input.note } : {}),
  createdAt,
  createdBy,
});

/** The policy in force on a business date: the newest version whose effectiveFrom is on or before it. */
export const policyInForce = (policies: readonly TierPolicy[], businessDate: string): TierPolicy =>
  policies
    .filter((p) => p.effectiveFrom <= businessDate)
    .reduce<TierPolicy>((best, p) => (p.version > best.version ? p : best), DEFAULT_TIER_POLICY);

const weightOf = (policy: TierPolicy, assetClass: AssetClass): bigint =>
  BigInt(Math.round((policy.weights[assetClass] ?? 1) * Number(WEIGHT_SCALE)));

/** Σ weight × amount over the asset classes, in fen × {@link WEIGHT_SCALE}. */
export const weighted = (policy: TierPolicy, amounts: ClassFen): bigint =>
  ASSET_CLASSES.reduce((sum, c) => sum + weightOf(policy, c) * amounts[c], 0n);

/** A weighted sum of balances over `days` days as an average in whole fen (rounded down). */
export const weightedAverageFen = (weightedSum: bigint, days: number): number =>
  toFen(floorDiv(weightedSum, WEIGHT_SCALE * BigInt(days)));

const thresholdOf = (policy: TierPolicy, tier: Tier): number =>
  policy.tiers.find((t) => t.tier === tier)?.minAvgAumFen ??
  // a tier this policy no longer lists: the lowest listed threshold above it is what it takes to stay
  policy.tiers.find((t) => isAbove(t.tier, tier))?.minAvgAumFen ??
  Number.MAX_SAFE_INTEGER;

/**
 * The highest tier whose threshold the weighted sum reaches as an average over `days` days:
 * Σ ≥ threshold × days, compared exactly (no division, no rounding).
 */
export const qualifyingTier = (policy: TierPolicy, weightedSum: bigint, days: number): Tier => {
  for (let i = policy.tiers.length - 1; i > 0; i--) {
    const { tier, minAvgAumFen } = policy.tiers[i]!;
    if (weightedSum >= BigInt(minAvgAumFen) * WEIGHT_SCALE * BigInt(days)) return tier;
  }
  return policy.tiers[0]?.tier ?? 'standard';
};

// -------------------------------------------------------------------------------------------------
// Decisions

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

const yuan = (fen: number): string => `¥${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

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
