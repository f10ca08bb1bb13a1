// The tier policy as an admin PUTs it (the API's input): the tiers' thresholds, from standard at 0
// upwards, strictly increasing; a weight per asset class; the downgrade buffer. Validation reports
// every problem at once, each with its path.
import * as z from 'zod';
import { TIERS } from '#shared/customers/customer.js';
import { ASSET_CLASSES, BusinessDate } from '#shared/transactions/transaction.js';
import { tierRank } from './tier-order.js';

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
