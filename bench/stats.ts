// Pure helpers of the benchmarks: percentiles, rates, the warm-up's stability test and the one line
// format every figure is printed in. No I/O here, so tests/unit/bench-stats.test.ts can pin them.

/** The p-th percentile (nearest rank) of samples already sorted ascending; NaN when there are none. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const summary = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
};

/** Items per second over `ms` milliseconds. */
export const perSecond = (items: number, ms: number): number => (ms > 0 ? items / (ms / 1000) : NaN);

/**
 * Whether the last two window rates are within `tolerance` of each other (relative to the larger):
 * the warm-up's test that DynamoDB Local's JIT has settled.
 */
export const isStable = (rates: readonly number[], tolerance = 0.1): boolean => {
  if (rates.length < 2) return false;
  const a = rates.at(-2)!;
  const b = rates.at(-1)!;
  if (!(a > 0 && b > 0)) return false;
  return Math.abs(a - b) / Math.max(a, b) <= tolerance;
};

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';

/** A ratio with two significant figures below 1 and two decimals above. */
export const fmtRatio = (r: number): string =>
  !Number.isFinite(r) ? '—' : r >= 1 ? fmt(r, 2) : Number(r.toPrecision(2)).toString();

/**
 * The one format every figure is printed in: `name  value unit  ratio× raw` (the ratio only when
 * there is a raw figure to compare with), names padded so the values line up.
 */
export const formatLine = (name: string, value: string, unit: string, ratio?: number): string =>
  `${name.padEnd(62)}  ${`${value} ${unit}`.padEnd(24)}${ratio === undefined ? '' : `  ${fmtRatio(ratio)}× raw`}`.trimEnd();
