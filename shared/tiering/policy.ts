// Tier policy (客户分层): ordered tiers with thresholds on the weighted month-daily-average AUM, a
// weight per asset class, and a downgrade buffer: the versions, the one in force, and the weighted
// sums and thresholds the decisions (decide-realtime.ts, decide-month-close.ts) compare. The input an
// admin PUTs is policy-input.ts. Thresholds are configuration (versioned, from a date), never constants.
import * as z from 'zod';
import type { Tier } from '#shared/customers/customer.js';
import { ASSET_CLASSES, type AssetClass } from '#shared/transactions/transaction.js';
import { floorDiv, toFen, type ClassFen } from './aum.js';
import { TierThreshold, type TierPolicyInput } from './policy-input.js';
import { isAbove } from './tier-order.js';

/** Weights have at most four decimals and are applied as integers: 0.5 → 5000 / 10000. */
export const WEIGHT_SCALE = 10_000n;

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

export const weightOf = (policy: TierPolicy, assetClass: AssetClass): bigint =>
  BigInt(Math.round((policy.weights[assetClass] ?? 1) * Number(WEIGHT_SCALE)));

/** Σ weight × amount over the asset classes, in fen × {@link WEIGHT_SCALE}. */
export const weighted = (policy: TierPolicy, amounts: ClassFen): bigint =>
  ASSET_CLASSES.reduce((sum, c) => sum + weightOf(policy, c) * amounts[c], 0n);

/** A weighted sum of balances over `days` days as an average in whole fen (rounded down). */
export const weightedAverageFen = (weightedSum: bigint, days: number): number =>
  toFen(floorDiv(weightedSum, WEIGHT_SCALE * BigInt(days)));

export const thresholdOf = (policy: TierPolicy, tier: Tier): number =>
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
