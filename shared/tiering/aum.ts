// 日均AUM (month-daily-average AUM) from linear counters. Pure: no AWS, no clock; the day is passed in.
//
// For a change Δ of one asset class on day e of month M the store ADDs Δ to B and Δ·e to A (and Δ to
// that day's own counter D_e). The sum of end-of-day balances over days 1..t of M is then
//     t·opening + (t+1)·B − A        (over the changes with e ≤ t)
// because each change counts on days e..t, that is (t − e + 1) times. ADDs commute, so any delivery
// order, batching or lateness gives the same counters, and a back-dated change is just one more term.
// The opening balance of M is the sum of B over the earlier months. The per-day counters let a window
// end before the month does (today, when a change is dated later; a snapshot's date) by taking the
// later days' terms back out.
import { ASSET_CLASSES, type AssetClass } from '#shared/transactions/transaction.js';
import { dayOf, daysInMonth, lastDayOf, monthOf, type Month } from './calendar.js';

/** Fen per asset class, exact (bigint): sums of balances over a month outgrow 2^53 sooner than balances do. */
export type ClassFen = Record<AssetClass, bigint>;

export interface ClassCounters {
  /** B: Σ Δ of the month's changes */
  b: bigint;
  /** A: Σ Δ·e */
  a: bigint;
  /** D_e: Σ Δ of the changes on day e (only days that had any) */
  byDay: Record<number, bigint>;
}

/** One customer's counters for one month, per asset class. */
export interface MonthCounters {
  month: Month;
  classes: Partial<Record<AssetClass, ClassCounters>>;
  /** how many changes were applied to the month (the store's guard for read-then-adjust) */
  changes?: number;
}

/** What one change adds to the counters. */
export interface CounterTerms {
  month: Month;
  day: number;
  assetClass: AssetClass;
  /** Δ, added to B and to D_day */
  b: bigint;
  /** Δ·day, added to A */
  a: bigint;
}

export const counterTerms = (
  assetClass: AssetClass,
  amountFen: number | bigint,
  businessDate: string,
): CounterTerms => {
  const day = dayOf(businessDate);
  const delta = BigInt(amountFen);
  return { month: monthOf(businessDate), day, assetClass, b: delta, a: delta * BigInt(day) };
};

/** Counters as the sum of terms: the reference the stores' ADDs must agree with. */
export const countersOf = (terms: CounterTerms[]): MonthCounters[] => {
  const months = new Map<Month, MonthCounters>();
  for (const term of terms) {
    const month = months.get(term.month) ?? { month: term.month, classes: {} };
    months.set(term.month, month);
    const counters = (month.classes[term.assetClass] ??= { b: 0n, a: 0n, byDay: {} });
    counters.b += term.b;
    counters.a += term.a;
    counters.byDay[term.day] = (counters.byDay[term.day] ?? 0n) + term.b;
  }
  return [...months.values()].sort((x, y) => (x.month < y.month ? -1 : 1));
};

/** The counters less these terms (copies): as they stood before the changes the terms came from. */
export const withoutTerms = (
  counters: readonly MonthCounters[],
  terms: readonly CounterTerms[],
): MonthCounters[] => {
  if (terms.length === 0) return [...counters];
  const months = new Map<Month, MonthCounters>();
  for (const m of counters) {
    const classes: MonthCounters['classes'] = {};
    for (const [assetClass, c] of Object.entries(m.classes) as [AssetClass, ClassCounters][])
      classes[assetClass] = { b: c.b, a: c.a, byDay: { ...c.byDay } };
    months.set(m.month, { ...m, classes });
  }
  for (const term of terms) {
    const month = months.get(term.month) ?? { month: term.month, classes: {} };
    months.set(term.month, month);
    const c = (month.classes[term.assetClass] ??= { b: 0n, a: 0n, byDay: {} });
    c.b -= term.b;
    c.a -= term.a;
    c.byDay[term.day] = (c.byDay[term.day] ?? 0n) - term.b;
  }
  return [...months.values()].sort((x, y) => (x.month < y.month ? -1 : 1));
};

export const zeroFen = (): ClassFen => Object.fromEntries(ASSET_CLASSES.map((c) => [c, 0n])) as ClassFen;

/** A month's balances over days 1..`days`, per asset class. */
export interface MonthAum {
  month: Month;
  daysInMonth: number;
  /** t: the days counted, all of the month's once it is over */
  days: number;
  complete: boolean;
  /** end-of-day balance of the previous month's last day */
  opening: ClassFen;
  /** Σ end-of-day balances over days 1..t */
  sums: ClassFen;
  /** end-of-day balance on day t */
  closing: ClassFen;
}

/** Balances of `month` over its days 1..`throughDay` (default: the whole month). */
export const monthAum = (counters: readonly MonthCounters[], month: Month, throughDay?: number): MonthAum => {
  const length = daysInMonth(month);
  const t = Math.max(0, Math.min(length, throughDay ?? length));
  const opening = zeroFen();
  for (const earlier of counters) {
    if (earlier.month >= month) continue;
    for (const [assetClass, c] of Object.entries(earlier.classes) as [AssetClass, ClassCounters][])
      opening[assetClass] += c.b;
  }
  const current = counters.find((m) => m.month === month);
  const sums = zeroFen();
  const closing = zeroFen();
  const bigT = BigInt(t);
  for (const assetClass of ASSET_CLASSES) {
    const c = current?.classes[assetClass];
    let b = c?.b ?? 0n;
    let a = c?.a ?? 0n;
    // changes dated after day t are not in the window: take their terms back out
    for (const [day, delta] of Object.entries(c?.byDay ?? {})) {
      if (Number(day) > t) {
        b -= delta;
        a -= delta * BigInt(day);
      }
    }
    sums[assetClass] = bigT * opening[assetClass] + (bigT + 1n) * b - a;
    closing[assetClass] = opening[assetClass] + b;
  }
  return { month, daysInMonth: length, days: t, complete: t === length, opening, sums, closing };
};

/**
 * 时点余额 by asset class: the end-of-day balance on a business date, per asset class — the sum of
 * every change dated on or before it. The one rule for a balance by asset class (the workbench's AUM,
 * the customer 360, monitoring, campaign audiences).
 */
export const balancesOn = (counters: readonly MonthCounters[], businessDate: string): ClassFen =>
  monthAum(counters, monthOf(businessDate), dayOf(businessDate)).closing;

/**
 * The balances once every change counted has taken effect, a change dated later than today included:
 * {@link balancesOn} the last day of the latest month with counters (zero without any).
 */
export const latestBalances = (counters: readonly MonthCounters[]): ClassFen => {
  const latest = counters.reduce<Month | undefined>(
    (m, c) => (m === undefined || c.month > m ? c.month : m),
    undefined,
  );
  return latest === undefined ? zeroFen() : balancesOn(counters, lastDayOf(latest));
};

/** ⌊n / d⌋ for bigints of any sign (bigint `/` truncates toward zero). */
export const floorDiv = (n: bigint, d: bigint): bigint => {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
};

/** ⌈n / d⌉ for bigints of any sign. */
export const ceilDiv = (n: bigint, d: bigint): bigint => -floorDiv(-n, d);

/** A bigint fen amount as a JSON number; refuses what a number cannot hold exactly. */
export const toFen = (value: bigint): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`${value} fen is beyond what a JSON number holds exactly`);
  return n;
};

/** Average over `days` days, in whole fen (rounded down). */
export const averageFen = (sum: bigint, days: number): number =>
  days > 0 ? toFen(floorDiv(sum, BigInt(days))) : 0;

export const classFenToNumbers = (values: ClassFen): Record<AssetClass, number> =>
  Object.fromEntries(ASSET_CLASSES.map((c) => [c, toFen(values[c])])) as Record<AssetClass, number>;
