// The reference evaluator: what the alerts should be, computed the slow, obvious way. It sees the
// whole stream at once (each distinct transaction once), computes every fact from the full list for
// each transaction, and interprets the rule JSON directly, with no compiler, no state store and no
// incremental bookkeeping. The property test holds the real pipeline to it.
import { TIERS, type Customer, type Tier } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { alertIdOf, dedupWindow } from './dedup.js';
import { epochDay } from './days.js';
import { MAX_ACTIVITY_LOOKBACK_DAYS, type TierThreshold } from './facts.js';
import type { Condition, NumberRef, Predicate } from './condition.js';
import type { TriggerRule } from './rule.js';

export interface ReferenceInput {
  transactions: readonly TransactionRecord[];
  customers: readonly Customer[];
  rules: readonly TriggerRule[];
  /** AUM before the first transaction, per customer (0 when absent) */
  openings?: ReadonlyMap<string, number>;
  thresholds: readonly TierThreshold[];
  ownBanks: ReadonlySet<string>;
}

export interface ReferenceAlert {
  alertId: string;
  ruleId: string;
  customerId: string;
  windowKey: string;
}

const rank = (tier: string) => TIERS.indexOf(tier as Tier);

export const referenceAlerts = (input: ReferenceInput): Map<string, ReferenceAlert> => {
  const distinct = [...new Map(input.transactions.map((t) => [t.transactionId, t])).values()];
  const customers = new Map(input.customers.map((c) => [c.customerId, c]));
  const out = new Map<string, ReferenceAlert>();

  for (const txn of distinct) {
    const customer = customers.get(txn.customerId);
    if (!customer) continue;
    const mine = distinct.filter((t) => t.customerId === txn.customerId);
    const day = epochDay(txn.businessDate);
    const age = (t: TransactionRecord) => day - epochDay(t.businessDate);
    const opening = input.openings?.get(txn.customerId) ?? 0;
    const monthStart = epochDay(`${txn.businessDate.slice(0, 7)}-01`);

    const fact = (p: Pick<Predicate, 'fact' | 'windowDays' | 'fromDays' | 'toDays'>): unknown => {
      switch (p.fact) {
        case 'amountFen':
          return txn.amountFen;
        case 'absAmountFen':
          return Math.abs(txn.amountFen);
        case 'direction':
        case 'assetClass':
        case 'channel':
        case 'category':
        case 'counterpartyBank':
        case 'counterpartyName':
        case 'accountId':
          return txn[p.fact];
        case 'otherBank':
          return txn.counterpartyBank !== undefined && !input.ownBanks.has(txn.counterpartyBank);
        case 'customerTier':
          return customer.tier;
        case 'aumFen':
          return opening + mine.filter((t) => age(t) > 0).reduce((s, t) => s + t.amountFen, 0);
        case 'aumAfterFen':
          return (fact({ fact: 'aumFen' }) as number) + txn.amountFen;
        case 'monthStartAumFen':
          return (
            opening +
            mine.filter((t) => epochDay(t.businessDate) < monthStart).reduce((s, t) => s + t.amountFen, 0)
          );
        case 'crossedTier': {
          const before = fact({ fact: 'aumFen' }) as number;
          const after = before + txn.amountFen;
          const crossed = input.thresholds
            .filter((t) => rank(t.tier) > rank(customer.tier) && t.minFen > before && t.minFen <= after)
            .map((t) => t.tier)
            .sort((a, b) => rank(b) - rank(a));
          return crossed[0];
        }
        case 'daysSinceLastActivity': {
          const ages = mine.map(age).filter((a) => a > 0 && a <= MAX_ACTIVITY_LOOKBACK_DAYS);
          return ages.length ? Math.min(...ages) : undefined;
        }
        case 'outflowFen':
        case 'inflowFen': {
          const direction = p.fact === 'outflowFen' ? 'out' : 'in';
          return mine
            .filter((t) => t.direction === direction && age(t) >= 0 && age(t) < p.windowDays!)
            .reduce((s, t) => s + Math.abs(t.amountFen), 0);
        }
        case 'payerInflowCount': {
          if (!txn.counterpartyName) return 0;
          return mine.filter(
            (t) =>
              t.direction === 'in' &&
              t.counterpartyName?.trim() === txn.counterpartyName!.trim() &&
              age(t) >= p.fromDays! &&
              age(t) <= p.toDays!,
          ).length;
        }
      }
      throw new Error(`the reference knows no fact ${p.fact}`);
    };

    for (const rule of input.rules) {
      if (!rule.enabled || !interpret(rule.when, fact)) continue;
      const window = dedupWindow(txn.businessDate, rule.dedup.windowDays);
      const alertId = alertIdOf(rule.ruleId, customer.customerId, window.key);
      out.set(alertId, {
        alertId,
        ruleId: rule.ruleId,
        customerId: customer.customerId,
        windowKey: window.key,
      });
    }
  }
  return out;
};

/** A fact by name (and parameters); undefined when the transaction or customer has none. */
export type FactLookup = (p: Pick<Predicate, 'fact' | 'windowDays' | 'fromDays' | 'toDays'>) => unknown;

/** Interprets a condition over facts looked up by name: the rule JSON read directly, every time. */
export const interpret = (c: Condition, fact: FactLookup): boolean => {
  const holds = (c: Condition): boolean => {
    if ('all' in c) return c.all.every(holds);
    if ('any' in c) return c.any.some(holds);
    if ('not' in c) return !holds(c.not);
    const left = fact(c);
    if (c.operator === 'exists') return (left !== undefined) === c.value;
    if (left === undefined) return false;
    let a = left as number | string | boolean;
    let b = c.value as number | string | boolean;
    if (typeof c.value === 'object' && !Array.isArray(c.value)) {
      const ref = c.value as NumberRef;
      const base = fact({ fact: ref.fact }) as number | undefined;
      if (base === undefined || base <= 0) return false;
      // exact: compare a × 10000 with base × round(times × 10000) in bigints
      a = Number(BigInt(left as number) * 10_000n - BigInt(base) * BigInt(Math.round(ref.times * 10_000)));
      b = 0;
    } else if (c.fact === 'customerTier' || c.fact === 'crossedTier') {
      if (c.operator !== 'in' && c.operator !== 'notIn') {
        a = rank(left as string);
        b = rank(c.value as string);
      }
    }
    switch (c.operator) {
      case 'eq':
        return a === b;
      case 'ne':
        return a !== b;
      case 'gt':
        return a > b;
      case 'gte':
        return a >= b;
      case 'lt':
        return a < b;
      case 'lte':
        return a <= b;
      case 'in':
        return (c.value as unknown[]).includes(left);
      case 'notIn':
        return !(c.value as unknown[]).includes(left);
      case 'matches':
        return new RegExp(c.value as string, c.ignoreCase ? 'iu' : 'u').test(left as string);
    }
  };

  return holds(c);
};
