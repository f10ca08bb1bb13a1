// 日均AUM from linear counters equals the day-by-day sum of end-of-day balances, for any order of
// changes, any window, any business date.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ASSET_CLASSES, type AssetClass } from '#shared/transactions/transaction.js';
import { addMonths, daysInMonth, monthsFrom } from '#shared/tiering/calendar.js';
import {
  averageFen,
  balancesOn,
  ceilDiv,
  counterTerms,
  countersOf,
  floorDiv,
  monthAum,
} from '#shared/tiering/aum.js';

interface Change {
  assetClass: AssetClass;
  amountFen: number;
  businessDate: string;
}

const FIRST = '2025-12';
const MONTHS = monthsFrom(FIRST, '2026-03'); // 31 + 31 + 28 + 31 days
const date = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;

const change = fc
  .record({
    assetClass: fc.constantFrom<AssetClass>('deposit', 'insurance', 'wealth'),
    amountFen: fc.integer({ min: -50_000_000, max: 80_000_000 }).filter((n) => n !== 0),
    month: fc.constantFrom(...MONTHS),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ month, day, ...rest }): Change => ({
    ...rest,
    businessDate: date(month, Math.min(day, daysInMonth(month))),
  }));

/** The model: every day's end-of-day balance, summed day by day. */
const eod = (changes: Change[], assetClass: AssetClass, day: string) =>
  changes
    .filter((c) => c.assetClass === assetClass && c.businessDate <= day)
    .reduce((s, c) => s + BigInt(c.amountFen), 0n);

const modelSum = (changes: Change[], assetClass: AssetClass, month: string, through: number) => {
  let sum = 0n;
  for (let d = 1; d <= through; d++) sum += eod(changes, assetClass, date(month, d));
  return sum;
};

const termsOf = (changes: Change[]) =>
  changes.map((c) => counterTerms(c.assetClass, c.amountFen, c.businessDate));

describe('month-daily-average AUM from linear counters', () => {
  it('equals the brute-force sum of end-of-day balances over every window 1..t of every month', () => {
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 40 }),
        fc.constantFrom(...MONTHS),
        fc.integer({ min: 1, max: 31 }),
        (changes, month, t) => {
          const through = Math.min(t, daysInMonth(month));
          const aum = monthAum(countersOf(termsOf(changes)), month, through);
          for (const assetClass of ASSET_CLASSES) {
            expect(aum.sums[assetClass]).toBe(modelSum(changes, assetClass, month, through));
            expect(aum.closing[assetClass]).toBe(eod(changes, assetClass, date(month, through)));
            expect(aum.opening[assetClass]).toBe(eod(changes, assetClass, date(addMonths(month, -1), 31)));
          }
          expect(aum.complete).toBe(through === daysInMonth(month));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is the same whatever the order and grouping of the changes', () => {
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 30 }),
        fc.infiniteStream(fc.nat()),
        (changes, randomness) => {
          const shuffled = [...changes];
          const random = randomness[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = random.next().value % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const a = countersOf(termsOf(changes));
          const b = countersOf(termsOf(shuffled));
          for (const month of MONTHS) expect(monthAum(b, month)).toEqual(monthAum(a, month));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the end-of-day balance of any business date', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), change, (changes, probe) => {
        const balances = balancesOn(countersOf(termsOf(changes)), probe.businessDate);
        for (const assetClass of ASSET_CLASSES)
          expect(balances[assetClass]).toBe(eod(changes, assetClass, probe.businessDate));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out changes dated after the window’s last day (a change dated tomorrow does not count today)', () => {
    const counters = countersOf(
      termsOf([
        { assetClass: 'deposit', amountFen: 3_000, businessDate: '2026-03-05' },
        { assetClass: 'deposit', amountFen: 10_000, businessDate: '2026-03-20' },
      ]),
    );
    const through18 = monthAum(counters, '2026-03', 18);
    expect(through18.sums.deposit).toBe(3_000n * 14n); // days 5..18
    expect(through18.closing.deposit).toBe(3_000n);
    expect(monthAum(counters, '2026-03').sums.deposit).toBe(3_000n * 27n + 10_000n * 12n);
  });

  it('averages over calendar days, rounding down, in whole fen', () => {
    // 日均: ¥31 held on one day of a 31-day month is ¥1 a day
    const counters = countersOf(
      termsOf([{ assetClass: 'deposit', amountFen: 3_100, businessDate: '2026-01-31' }]),
    );
    const january = monthAum(counters, '2026-01');
    expect(averageFen(january.sums.deposit, january.daysInMonth)).toBe(100);
    expect(averageFen(-7n, 2)).toBe(-4);
    expect(floorDiv(-7n, 2n)).toBe(-4n);
    expect(ceilDiv(7n, 2n)).toBe(4n);
    expect(ceilDiv(-7n, 2n)).toBe(-3n);
  });

  it('counts February’s 28 days, and a leap year’s 29', () => {
    expect(daysInMonth('2026-02')).toBe(28);
    expect(daysInMonth('2028-02')).toBe(29);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
});
