// Points and credit splits in integer arithmetic: every fen and every point handed out, none made up.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pointsOf, splitByShares } from '#shared/performance/exact.js';

/** Whole-percent shares totalling 100: the gaps between distinct cut points in 1..99. */
const shares = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 7 }).map((cuts) => {
  const points = [0, ...cuts.sort((a, b) => a - b), 100];
  return points.slice(1).map((p, i) => p - points[i]!);
});

describe('points = amount × weight', () => {
  it('is the amount at weight ×1.0 and scales by basis points', () => {
    expect(pointsOf(100_000, 10_000)).toBe(100_000);
    expect(pointsOf(100_000, 15_000)).toBe(150_000);
    expect(pointsOf(12_345, 15_000)).toBe(18_518); // 18 517.5 rounds half up
    expect(pointsOf(12_345, 0)).toBe(0);
    expect(pointsOf(1, 4_999)).toBe(0);
    expect(pointsOf(1, 5_000)).toBe(1);
    expect(pointsOf(-12_345, 15_000)).toBe(-18_518); // a reversal mirrors its registration
    // a large exact half (fast-check found it: remainder 5 000 of 10 000) rounds up
    expect(pointsOf(72_707_537_500, 37_954)).toBe(275_954_187_828);
  });

  it('equals the exact product rounded half up, for any amount and weight (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (amount, weight) => {
          const exact = BigInt(amount) * BigInt(weight);
          const points = BigInt(pointsOf(amount, weight));
          // |points × 10000 − exact| ≤ 5000, and exactly half rounds up (an error of +5000, never −5000)
          const error = points * 10_000n - exact;
          expect(error > -5_000n && error <= 5_000n).toBe(true);
          expect(pointsOf(-amount, weight)).toBe(-pointsOf(amount, weight) || 0);
        },
      ),
    );
  });

  it('refuses non-integers rather than round a float', () => {
    expect(() => pointsOf(10.5, 10_000)).toThrow(RangeError);
    expect(() => pointsOf(10, 1.5)).toThrow(RangeError);
  });
});

describe('credit split by whole-percent shares', () => {
  it('hands the odd fen to the largest remainders, the earlier credit on a tie', () => {
    expect(splitByShares(100, [50, 50])).toEqual([50, 50]);
    expect(splitByShares(101, [50, 50])).toEqual([51, 50]);
    expect(splitByShares(100, [33, 33, 34])).toEqual([33, 33, 34]);
    expect(splitByShares(1, [33, 33, 34])).toEqual([0, 0, 1]);
    expect(splitByShares(2, [33, 33, 34])).toEqual([1, 0, 1]);
    expect(splitByShares(-101, [50, 50])).toEqual([-51, -50]);
    expect(splitByShares(0, [60, 40])).toEqual([0, 0]);
  });

  it('adds up to the whole, each part within one fen of its exact share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), shares, (total, pcts) => {
        const parts = splitByShares(total, pcts);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((part, i) => {
          const exact = (total * pcts[i]!) / 100;
          expect(Math.abs(part - exact)).toBeLessThan(1);
        });
        expect(splitByShares(-total, pcts)).toEqual(parts.map((p) => (p === 0 ? 0 : -p)));
      }),
    );
  });

  it('refuses shares that do not total exactly 100', () => {
    expect(() => splitByShares(100, [50, 49])).toThrow(/total 99/);
    expect(() => splitByShares(100, [50.5, 49.5])).toThrow(RangeError);
    expect(() => splitByShares(100, [])).toThrow(RangeError);
  });
});
