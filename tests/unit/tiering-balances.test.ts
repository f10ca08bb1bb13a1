// Balance by asset class (时点余额), one rule for every capability: from the linear counters, against
// a brute-force sum of the changes themselves, in any order, back-dated and future-dated included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ASSET_CLASSES, type AssetClass } from '#shared/transactions/transaction.js';
import { balancesOn, counterTerms, countersOf, latestBalances, zeroFen } from '#shared/tiering/aum.js';

const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12'];
const dateArb = fc
  .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 30 }))
  .map(([month, day]) => `${month}-${String(day).padStart(2, '0')}`);

const changeArb = fc.record({
  assetClass: fc.constantFrom(...ASSET_CLASSES),
  amountFen: fc.integer({ min: -10_000_000, max: 10_000_000 }).filter((n) => n !== 0),
  businessDate: dateArb,
});
type Change = { assetClass: AssetClass; amountFen: number; businessDate: string };

/** The reference: each class's changes dated on or before the date, summed one by one. */
const summed = (changes: readonly Change[], through?: string) => {
  const balances = zeroFen();
  for (const c of changes) {
    if (through === undefined || c.businessDate <= through) balances[c.assetClass] += BigInt(c.amountFen);
  }
  return balances;
};

const countersFrom = (changes: readonly Change[]) =>
  countersOf(changes.map((c) => counterTerms(c.assetClass, c.amountFen, c.businessDate)));

describe('balance by asset class', () => {
  it('on a business date is the sum of the changes dated on or before it', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 40 }), dateArb, (changes, date) => {
        expect(balancesOn(countersFrom(changes), date)).toEqual(summed(changes, date));
      }),
    );
  });

  it('latest is the sum of every change, however far ahead it is dated', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 40 }), (changes) => {
        const counters = countersFrom(changes);
        expect(latestBalances(counters)).toEqual(summed(changes));
        // what campaign audiences summed before: Σ B over the months, per class
        const byMonths = zeroFen();
        for (const m of counters)
          for (const [c, k] of Object.entries(m.classes)) byMonths[c as AssetClass] += k!.b;
        expect(latestBalances(counters)).toEqual(byMonths);
      }),
    );
  });

  it('latest differs from today’s only by the changes dated after today', () => {
    const counters = countersFrom([
      { assetClass: 'deposit', amountFen: 500, businessDate: '2026-11-10' },
      { assetClass: 'deposit', amountFen: 200, businessDate: '2026-11-25' },
      { assetClass: 'fund', amountFen: 300, businessDate: '2026-12-01' },
    ]);
    expect(balancesOn(counters, '2026-11-20')).toMatchObject({ deposit: 500n, fund: 0n });
    expect(latestBalances(counters)).toMatchObject({ deposit: 700n, fund: 300n });
    expect(latestBalances([])).toEqual(zeroFen());
  });
});
