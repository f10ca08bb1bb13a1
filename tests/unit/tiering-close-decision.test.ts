// The month close's per-customer decision, shared by the close and the policy what-if: what it says
// for any standing, counters and policy, and how it answers a change of thresholds or buffer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TIERS, type Tier } from '#shared/customers/customer.js';
import { counterTerms, countersOf } from '#shared/tiering/aum.js';
import { closeMove, decideCustomerClose } from '#shared/tiering/close-decision.js';
import { DEFAULT_TIER_POLICY, policyVersion, type TierPolicy } from '#shared/tiering/policy.js';
import { isAbove } from '#shared/tiering/tier-order.js';
import { ASSET_CLASSES } from '#shared/transactions/transaction.js';

const MONTH = '2026-11';
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'] as const;

const tier = fc.constantFrom(...TIERS);
const change = fc.record({
  assetClass: fc.constantFrom(...ASSET_CLASSES),
  amountFen: fc.integer({ min: 0, max: 900_000_000 }),
  month: fc.constantFrom(...MONTHS),
  day: fc.integer({ min: 1, max: 28 }),
  withdrawn: fc.boolean(),
});
/** Deposits (some withdrawn again later the same month), so no balance goes below zero. */
const countersArb = fc.array(change, { maxLength: 8 }).map((changes) =>
  countersOf(
    changes.flatMap((c) => {
      const date = `${c.month}-${String(c.day).padStart(2, '0')}`;
      const terms = [counterTerms(c.assetClass, c.amountFen, date)];
      if (c.withdrawn) terms.push(counterTerms(c.assetClass, -c.amountFen, `${c.month}-28`));
      return terms;
    }),
  ),
);
/** A tier state, or none (a customer never closed). */
const stateArb = fc.option(
  fc.record({
    tier,
    closedThrough: fc.constantFrom('2026-08', '2026-09', '2026-10', '2026-11'),
    firstClosed: fc.constantFrom('2026-06', '2026-08'),
  }),
  { nil: undefined },
);
/** Thresholds strictly increasing from standard at 0 (a policy as an admin can store it). */
const policyArb = fc
  .record({
    steps: fc.array(fc.integer({ min: 1, max: 300_000_000 }), { minLength: 4, maxLength: 4 }),
    buffer: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ steps, buffer }) => {
    let threshold = 0;
    return policyVersion(
      {
        effectiveFrom: '2026-01-01',
        tiers: TIERS.map((t, i) => ({ tier: t, minAvgAumFen: i === 0 ? 0 : (threshold += steps[i - 1]!) })),
        weights: { insurance: 0.5 },
        downgradeAfterMonths: buffer,
      },
      1,
      '2026-01-01T00:00:00.000Z',
      'admin',
    );
  });

const rank = (t: Tier) => TIERS.indexOf(t);
const scaled = (policy: TierPolicy, factor: number): TierPolicy => ({
  ...policy,
  tiers: policy.tiers.map((t) => ({ ...t, minAvgAumFen: Math.floor(t.minAvgAumFen * factor) })),
});

describe('decideCustomerClose', () => {
  it('closes nothing for a customer closed through the month already', () => {
    fc.assert(
      fc.property(tier, tier, countersArb, policyArb, (mine, customers, counters, policy) => {
        const decision = decideCustomerClose(
          { tier: mine, closedThrough: MONTH },
          customers,
          counters,
          [policy],
          MONTH,
        );
        expect(decision).toEqual({ closedAlready: true, tier: mine });
        expect(closeMove(decision)).toBeUndefined();
      }),
    );
  });

  it('closes through the month, from the standing (or the customer’s tier), and moves as its outcomes say', () => {
    fc.assert(
      fc.property(stateArb, tier, countersArb, policyArb, (state, customerTier, counters, policy) => {
        fc.pre(!state || state.closedThrough < MONTH);
        const decision = decideCustomerClose(state, customerTier, counters, [policy], MONTH);
        if (decision.closedAlready) throw new Error('closed already');
        expect(decision.before.tier).toBe(state?.tier ?? customerTier);
        expect(decision.after.closedThrough).toBe(MONTH);
        expect(decision.outcomes.at(-1)?.month).toBe(MONTH);
        expect(decision.after.tier).toBe(decision.outcomes.at(-1)!.tierAfter);
        // each month starts where the one before left off
        decision.outcomes.forEach((o, i) =>
          expect(o.tierBefore).toBe(i === 0 ? decision.before.tier : decision.outcomes[i - 1]!.tierAfter),
        );
        const move = closeMove(decision);
        expect(move === 'up').toBe(isAbove(decision.after.tier, decision.before.tier));
        expect(move === 'down').toBe(isAbove(decision.before.tier, decision.after.tier));
      }),
    );
  });

  it('with one month to close: lower thresholds never take an upgrade away nor add a downgrade', () => {
    fc.assert(
      fc.property(
        tier,
        countersArb,
        policyArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (mine, counters, policy, factor) => {
          const state = { tier: mine, closedThrough: '2026-10', firstClosed: '2026-06' };
          const high = decideCustomerClose(state, mine, counters, [policy], MONTH);
          const low = decideCustomerClose(state, mine, counters, [scaled(policy, factor)], MONTH);
          if (high.closedAlready || low.closedAlready) throw new Error('closed already');
          expect(rank(low.after.tier)).toBeGreaterThanOrEqual(rank(high.after.tier));
          if (closeMove(high) === 'up') expect(closeMove(low)).toBe('up');
          if (closeMove(low) === 'down') expect(closeMove(high)).toBe('down');
        },
      ),
    );
  });

  it('a longer downgrade buffer never adds a downgrade', () => {
    fc.assert(
      fc.property(stateArb, tier, countersArb, policyArb, (state, customerTier, counters, policy) => {
        fc.pre(!state || state.closedThrough < MONTH);
        const longer = { ...policy, downgradeAfterMonths: policy.downgradeAfterMonths + 1 };
        const short = closeMove(decideCustomerClose(state, customerTier, counters, [policy], MONTH));
        const long = closeMove(decideCustomerClose(state, customerTier, counters, [longer], MONTH));
        if (long === 'down') expect(short).toBe('down');
      }),
    );
  });

  it('a draft equal to the policy in force, or in force only after the month, decides as the stored policies do', () => {
    fc.assert(
      fc.property(stateArb, tier, countersArb, policyArb, (state, customerTier, counters, policy) => {
        const stored = [policy];
        const same = { ...policy, version: 2 };
        const later = { ...scaled(policy, 0.1), version: 2, effectiveFrom: '2026-12-01' };
        const moves = (policies: TierPolicy[]) => {
          const d = decideCustomerClose(state, customerTier, counters, policies, MONTH);
          return d.closedAlready ? d.tier : [d.after, d.outcomes.map((o) => [o.qualifies, o.tierAfter])];
        };
        expect(moves([...stored, same])).toEqual(moves(stored));
        expect(moves([...stored, later])).toEqual(moves(stored));
      }),
    );
  });

  it('examples: up on a month above the tier; down only once the buffer is spent', () => {
    const counters = countersOf([counterTerms('deposit', 60_000_000, '2026-11-01')]);
    const up = decideCustomerClose(undefined, 'standard', counters, [DEFAULT_TIER_POLICY], MONTH);
    expect(closeMove(up)).toBe('up');
    const empty = countersOf([]);
    const state = { tier: 'gold' as const, closedThrough: '2026-10', firstClosed: '2026-09' };
    const buffer3 = decideCustomerClose(state, 'gold', empty, [DEFAULT_TIER_POLICY], MONTH);
    expect(closeMove(buffer3)).toBe('down'); // September, October, November all below gold
    const neverClosed = decideCustomerClose(undefined, 'gold', empty, [DEFAULT_TIER_POLICY], MONTH);
    expect(closeMove(neverClosed)).toBeUndefined(); // one closed month only: the buffer is not spent
  });
});
