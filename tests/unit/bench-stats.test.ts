import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLine, isStable, percentile, summary } from '../../bench/stats.js';
import { parseBenchOptions } from '../../bench/options.js';

describe('bench percentiles', () => {
  it('answers the nearest rank: p50 of 1..100 is 50, p99 is 99, p100 the largest', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });

  it('is one of the samples, and never falls as p rises', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        (samples) => {
          const { p50, p99 } = summary(samples);
          expect(samples).toContain(p50);
          expect(p99).toBeGreaterThanOrEqual(p50);
        },
      ),
    );
  });
});

describe('warm-up stability', () => {
  it('needs two windows within 10 % of each other', () => {
    expect(isStable([100])).toBe(false);
    expect(isStable([500, 1000, 1090])).toBe(true);
    expect(isStable([500, 1000])).toBe(false);
    expect(isStable([1000, 0])).toBe(false);
  });

  it('is symmetric in the last two windows and looks at nothing before them', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6 }),
        fc.double({ min: 1, max: 1e6 }),
        fc.double({ min: 0, max: 1e6 }),
        (a, b, c) => {
          expect(isStable([c, a, b])).toBe(isStable([b, a]));
        },
      ),
    );
  });
});

describe('bench output and flags', () => {
  it('prints name, value and unit, and the ratio to raw when there is one', () => {
    expect(formatLine('tiering: sustained', '1,234', 'transactions/s', 0.5)).toMatch(
      /^tiering: sustained\s+1,234 transactions\/s\s+0\.5× raw$/,
    );
    expect(formatLine('x', '1', 'ms')).not.toContain('raw');
  });

  it('reads areas and flags, and refuses an unknown flag', () => {
    const options = parseBenchOptions(['tiering', '--backlog', '500', '--items=200', '--no-warmup']);
    expect(options).toMatchObject({ areas: ['tiering'], backlog: 500, items: 200, warmupSeconds: 0 });
    expect(parseBenchOptions([]).backlog).toBe(20_000);
    expect(() => parseBenchOptions(['--fast'])).toThrow(/unknown flag/);
  });
});
