// Exact integer arithmetic for performance figures: no float ever touches money or points.
// 业绩折算: points = amount × weight. Weights are basis points (10 000 = ×1.0), so the product is
// exact in BigInt; one point is one fen sold at weight ×1.0, rounded half up once per registration.
// 业绩分配: a credit split by whole-percent shares hands out every fen and every point — the parts
// always add up to the whole (largest remainder, ties to the earlier credit).

const BP = 10_000n;

const toSafe = (value: bigint, what: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} ${value} is beyond a safe integer`);
  return n;
};

/** Points of a sale: amountFen × weightBp / 10 000, rounded half away from zero. */
export const pointsOf = (amountFen: number, weightBp: number): number => {
  if (!Number.isSafeInteger(amountFen) || !Number.isSafeInteger(weightBp) || weightBp < 0) {
    throw new RangeError(`pointsOf needs whole numbers: ${amountFen} × ${weightBp}`);
  }
  const product = BigInt(amountFen) * BigInt(weightBp);
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude + BP / 2n) / BP;
  return toSafe(product < 0n ? -rounded : rounded, 'points');
};

/**
 * Splits a whole number by whole-percent shares that total 100. Each part is the floor of its exact
 * share; the fen (or points) left over go one each to the parts with the largest remainders, the
 * earlier part first on a tie. Negative totals split as the negation of their magnitude's split, so
 * a reversal mirrors its registration exactly.
 */
export const splitByShares = (total: number, sharesPct: readonly number[]): number[] => {
  if (!Number.isSafeInteger(total)) throw new RangeError(`cannot split ${total}: not a safe integer`);
  if (sharesPct.length === 0 || sharesPct.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new RangeError(`shares must be whole percents: ${sharesPct.join(', ')}`);
  }
  const sum = sharesPct.reduce((a, b) => a + b, 0);
  if (sum !== 100) throw new RangeError(`shares total ${sum}, not 100`);
  if (total < 0) return splitByShares(-total, sharesPct).map((part) => (part === 0 ? 0 : -part));
  const whole = BigInt(total);
  const exact = sharesPct.map((share) => whole * BigInt(share));
  const parts = exact.map((e) => e / 100n);
  let left = whole - parts.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((e, i) => ({ i, remainder: e % 100n }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => toSafe(p, 'share'));
};
