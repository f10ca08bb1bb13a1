// Tier policy: validation with paths, the version in force, exact thresholds, and the decisions:
// upgrade at once when guaranteed, downgrade only after the buffer, each with its reason.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Tier } from '#shared/customers/customer.js';
import { counterTerms, countersOf, monthAum, type ClassFen, zeroFen } from '#shared/tiering/aum.js';
import {
  DEFAULT_TIER_POLICY,
  policyInForce,
  policyVersion,
  qualifyingTier,
  weighted,
  type TierPolicy,
} from '#shared/tiering/policy.js';
import { TierPolicyInput } from '#shared/tiering/policy-input.js';
import { closeMonths, decideMonthClose, monthsToClose } from '#shared/tiering/decide-month-close.js';
import { decideRealtime } from '#shared/tiering/decide-realtime.js';
import { fieldErrors } from '#shared/http/validation.js';

const YUAN = 100;
const policy = DEFAULT_TIER_POLICY;

const pathsOf = (input: unknown) => {
  const result = TierPolicyInput.safeParse(input);
  return result.success ? [] : fieldErrors('body', result.error).map((e) => e.path);
};

const validInput = {
  effectiveFrom: '2026-12-01',
  tiers: [
    { tier: 'standard', minAvgAumFen: 0 },
    { tier: 'gold', minAvgAumFen: 5_000_000 },
    { tier: 'platinum', minAvgAumFen: 50_000_000 },
  ],
  weights: { deposit: 1, insurance: 0.5 },
};

/** A month in which `deposit` was held from `fromDay` on, nothing before. */
const held = (month: string, amountFen: number, fromDay = 1, through?: number) =>
  monthAum(
    countersOf([counterTerms('deposit', amountFen, `${month}-${String(fromDay).padStart(2, '0')}`)]),
    month,
    through,
  );

const closedMonth = (month: string, avgFen: number) => {
  // a month whose average is exactly avgFen: held all month
  const aum = held(month, 1);
  const sums: ClassFen = { ...zeroFen(), deposit: BigInt(avgFen) * BigInt(aum.daysInMonth) };
  return { ...aum, sums };
};

describe('tier policy input', () => {
  it('accepts a policy and fills the weights not given with 1', () => {
    const parsed = TierPolicyInput.parse(validInput);
    const stored = policyVersion(parsed, 3, '2026-11-29T00:00:00.000Z', 'admin');
    expect(stored.weights).toMatchObject({ deposit: 1, insurance: 0.5, wealth: 1, trust: 1 });
    expect(stored.downgradeAfterMonths).toBe(3);
  });

  it('refuses overlapping thresholds, negative weights and unknown asset classes, naming each path', () => {
    expect(
      pathsOf({
        ...validInput,
        tiers: [
          { tier: 'standard', minAvgAumFen: 0 },
          { tier: 'gold', minAvgAumFen: 5_000_000 },
          { tier: 'platinum', minAvgAumFen: 5_000_000 },
        ],
        weights: { deposit: -1, crypto: 1, fund: 0.12345 },
      }),
    ).toEqual(
      expect.arrayContaining([
        'body.tiers.2.minAvgAumFen',
        'body.weights.deposit',
        'body.weights.crypto',
        'body.weights.fund',
      ]),
    );
  });

  it('refuses tiers out of order or repeated, a first tier that is not standard at 0, and bad fields', () => {
    expect(
      pathsOf({
        effectiveFrom: '2026-02-30',
        tiers: [
          { tier: 'gold', minAvgAumFen: 100 },
          { tier: 'gold', minAvgAumFen: 200 },
          { tier: 'diamond', minAvgAumFen: 1.5 },
        ],
        downgradeAfterMonths: 0,
      }),
    ).toEqual(
      expect.arrayContaining([
        'body.effectiveFrom',
        'body.tiers.0.tier',
        'body.tiers.0.minAvgAumFen',
        'body.tiers.1.tier',
        'body.tiers.2.minAvgAumFen',
        'body.downgradeAfterMonths',
      ]),
    );
    expect(pathsOf({ ...validInput, surprise: 1 })).toEqual(['body']);
  });
});

describe('the policy in force', () => {
  const v = (version: number, effectiveFrom: string): TierPolicy => ({ ...policy, version, effectiveFrom });
  it('is the newest version effective on or before the date, else the built-in default', () => {
    const versions = [v(1, '2026-01-01'), v(2, '2026-06-01'), v(3, '2026-03-01')];
    expect(policyInForce(versions, '2025-12-31').version).toBe(0);
    expect(policyInForce(versions, '2026-02-01').version).toBe(1);
    expect(policyInForce(versions, '2026-04-01').version).toBe(3);
    expect(policyInForce(versions, '2026-07-01').version).toBe(3); // v3 supersedes v2 from its date on
  });
});

describe('thresholds', () => {
  it('compare exactly: an average of exactly ¥50,000 is gold, one fen-day less is not', () => {
    const days = 30;
    const exactly = 5_000_000n * 10_000n * BigInt(days);
    expect(qualifyingTier(policy, exactly, days)).toBe('gold');
    expect(qualifyingTier(policy, exactly - 1n, days)).toBe('standard');
    expect(qualifyingTier(policy, 600_000_000n * 10_000n * 31n, 31)).toBe('private_banking');
  });

  it('weigh each asset class: insurance counts half by default', () => {
    const amounts: ClassFen = { ...zeroFen(), deposit: 100n, insurance: 100n };
    expect(weighted(policy, amounts)).toBe(100n * 10_000n + 100n * 5_000n);
  });
});

describe('real-time decision', () => {
  it('upgrades at once when the month so far guarantees the threshold, with its reason', () => {
    // ¥1.5m deposited on day 20 of a 30-day month: day 20 alone gives ¥1.5m ≥ ¥50k × 30
    const { tier, change, outlook } = decideRealtime({
      tier: 'standard',
      policy,
      mtd: held('2026-11', 150_000_000, 20, 20),
      asOf: '2026-11-20',
    });
    expect(tier).toBe('gold');
    expect(change).toMatchObject({
      from: 'standard',
      to: 'gold',
      reason: 'month_to_date_guaranteed',
      thresholdFen: 5_000_000,
    });
    expect(outlook.guaranteedTier).toBe('gold');
    // kept to the 30th it is 11 days of ¥1.5m: ¥550k a day, platinum
    expect(outlook.projectedAvgAumFen).toBe(55_000_000);
    expect(outlook.projectedTier).toBe('platinum');
    expect(outlook.nextTier).toBe('diamond');
  });

  it('does not upgrade on a projection alone, and never downgrades', () => {
    const projectedOnly = decideRealtime({
      tier: 'standard',
      policy,
      mtd: held('2026-11', 2_000_000 * YUAN, 28, 1),
      asOf: '2026-11-01',
    });
    expect(projectedOnly.change).toBeUndefined();
    const empty = decideRealtime({
      tier: 'diamond',
      policy,
      mtd: held('2026-11', 1, 1, 15),
      asOf: '2026-11-15',
    });
    expect(empty.tier).toBe('diamond');
    expect(empty.change).toBeUndefined();
  });

  it('upgrades when a late change lifts the last closed month above the tier', () => {
    const { change } = decideRealtime({
      tier: 'standard',
      policy,
      mtd: held('2026-11', 1, 1, 3),
      asOf: '2026-11-03',
      lastClosed: { aum: closedMonth('2026-10', 60_000_000), policy },
    });
    expect(change).toMatchObject({ to: 'platinum', reason: 'closed_month_correction', month: '2026-10' });
  });

  it('names the deposit that, made today and kept, reaches the next tier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800_000_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (amount, fromDay, today) => {
          const mtd = held('2026-11', amount, Math.min(fromDay, today), today);
          const { outlook } = decideRealtime({ tier: 'standard', policy, mtd, asOf: `2026-11-${today}` });
          if (!outlook.nextTier) {
            expect(outlook.projectedTier).toBe('private_banking');
            return;
          }
          const reach = (deposit: number) =>
            decideRealtime({
              tier: 'standard',
              policy,
              mtd: monthAum(
                countersOf([
                  counterTerms(
                    'deposit',
                    amount,
                    `2026-11-${String(Math.min(fromDay, today)).padStart(2, '0')}`,
                  ),
                  counterTerms('deposit', deposit, `2026-11-${String(today).padStart(2, '0')}`),
                ]),
                '2026-11',
                today,
              ),
              asOf: `2026-11-${today}`,
            }).outlook.projectedTier;
          const needed = outlook.depositNeededFen!;
          expect(needed).toBeGreaterThan(0);
          const rank = (t: Tier) => policy.tiers.findIndex((x) => x.tier === t);
          expect(rank(reach(needed))).toBeGreaterThanOrEqual(rank(outlook.nextTier));
          if (needed > 1) expect(rank(reach(needed - 1))).toBeLessThan(rank(outlook.nextTier));
          // the gap is on the average: the next threshold less the projected average, in whole fen
          expect(outlook.gapToNextFen).toBe(outlook.nextThresholdFen! - outlook.projectedAvgAumFen);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('month close', () => {
  const months = (...avgs: number[]) =>
    avgs.map((avg, i) => closedMonth(`2026-${String(10 - i).padStart(2, '0')}`, avg));

  it('upgrades when the closed month reaches a higher tier', () => {
    const outcome = decideMonthClose('standard', policy, months(50_000_000));
    expect(outcome).toMatchObject({
      qualifies: 'platinum',
      tierAfter: 'platinum',
      change: { reason: 'month_close' },
    });
  });

  it('keeps the tier through a dip shorter than the buffer, then goes down to the best of the last N months', () => {
    const twoBelow = decideMonthClose('platinum', policy, months(6_000_000, 100, 60_000_000));
    expect(twoBelow).toMatchObject({ tierAfter: 'platinum', belowMonths: 2 });
    expect(twoBelow.change).toBeUndefined();
    const threeBelow = decideMonthClose('platinum', policy, months(6_000_000, 100, 7_000_000, 60_000_000));
    expect(threeBelow).toMatchObject({
      tierAfter: 'gold',
      belowMonths: 3,
      change: { direction: 'downgrade', reason: 'downgrade_after_buffer', thresholdFen: 50_000_000 },
    });
  });

  it('counts no month before the customer’s first close towards the buffer', () => {
    const outcome = decideMonthClose('diamond', policy, months(0, 0));
    expect(outcome.tierAfter).toBe('diamond');
  });

  it('closes the months a customer missed, in order, from their first month with AUM', () => {
    expect(monthsToClose({ tier: 'standard' }, '2026-10', '2026-07')).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(monthsToClose({ tier: 'standard', closedThrough: '2026-08' }, '2026-10')).toEqual([
      '2026-09',
      '2026-10',
    ]);
    expect(monthsToClose({ tier: 'standard', closedThrough: '2026-10' }, '2026-10')).toEqual([]);
    expect(monthsToClose({ tier: 'standard' }, '2026-10')).toEqual(['2026-10']);
    expect(monthsToClose({ tier: 'standard' }, '2026-10', '2020-01')).toHaveLength(12);
  });

  it('with a buffer of 1, a month below is enough; each month is judged by the policy of its last day', () => {
    const strict: TierPolicy = {
      ...policy,
      version: 7,
      effectiveFrom: '2026-09-01',
      downgradeAfterMonths: 1,
    };
    const counters = countersOf([
      counterTerms('deposit', 60_000_000, '2026-08-01'), // platinum all August
      counterTerms('deposit', -55_000_000, '2026-09-01'), // ¥50k from September on: gold
    ]);
    const { standing, outcomes } = closeMonths(
      { tier: 'standard' },
      counters,
      [strict],
      ['2026-08', '2026-09'],
    );
    expect(outcomes.map((o) => [o.month, o.policyVersion, o.tierAfter, o.change?.reason])).toEqual([
      ['2026-08', 0, 'platinum', 'month_close'],
      ['2026-09', 7, 'gold', 'downgrade_after_buffer'],
    ]);
    expect(standing).toEqual({ tier: 'gold', firstClosed: '2026-08', closedThrough: '2026-09' });
  });
});
