// Does a customer belong to an audience? Their own fields first, then the facts read for them; each
// condition met adds the words of the reason the customer was included. Pure.
import type { Customer } from '#shared/customers/customer.js';
import type { AssetClass } from '#shared/transactions/transaction.js';
import type { Audience } from './campaign.js';
import { daysBefore } from './compliance-gate.js';
import type { CustomerAum } from './ports.js';

/** One customer's facts, as read for the conditions that need them. */
export interface MemberFacts {
  lastActivityDate?: string;
  lastContactDate?: string;
  aum?: CustomerAum;
  holdings?: Partial<Record<AssetClass, number>>;
  products?: Set<string>;
  openAlert?: boolean;
}

/** The customer's own fields against the audience: the reasons it is in, or undefined. Pure. */
export const matchCustomer = (
  customer: Customer,
  audience: Audience,
  scope: { scopeOrgPath: string; orgPaths: string[] },
): string[] | undefined => {
  if (!customer.orgPath.startsWith(scope.scopeOrgPath)) return undefined;
  const reasons: string[] = [`scope ${scope.scopeOrgPath}`];
  if (scope.orgPaths.length) {
    const path = scope.orgPaths.find((p) => customer.orgPath.startsWith(p));
    if (!path) return undefined;
    reasons.push(`org ${path}`);
  }
  if (audience.customerIds) {
    if (!audience.customerIds.includes(customer.customerId)) return undefined;
    reasons.push('listed');
  }
  if (audience.managerIds) {
    if (!audience.managerIds.includes(customer.managerId)) return undefined;
    reasons.push(`manager ${customer.managerId}`);
  }
  if (audience.tiers) {
    if (!audience.tiers.includes(customer.tier)) return undefined;
    reasons.push(`tier ${customer.tier}`);
  }
  if (audience.riskLevels) {
    if (!customer.riskLevel || !audience.riskLevels.includes(customer.riskLevel)) return undefined;
    reasons.push(`risk ${customer.riskLevel}`);
  }
  if (audience.tagsAny) {
    const hit = audience.tagsAny.filter((t) => customer.tags.includes(t));
    if (!hit.length) return undefined;
    reasons.push(`tags ${hit.join('+')}`);
  }
  if (audience.tagsAll) {
    if (!audience.tagsAll.every((t) => customer.tags.includes(t))) return undefined;
    reasons.push(`all tags ${audience.tagsAll.join('+')}`);
  }
  if (audience.tagsNone?.some((t) => customer.tags.includes(t))) return undefined;
  return reasons;
};

/** Is `date` inside a days-since range counted back from `today`? No date at all counts as never. */
const withinDays = (date: string | undefined, range: { min?: number; max?: number }, today: string) => {
  if (range.max !== undefined && (!date || date < daysBefore(today, range.max))) return false;
  if (range.min !== undefined && date && date > daysBefore(today, range.min)) return false;
  return true;
};

/** The fact conditions: the reasons they add, or undefined when one fails. Pure. */
export const matchFacts = (audience: Audience, facts: MemberFacts, today: string): string[] | undefined => {
  const reasons: string[] = [];
  if (audience.daysSinceLastActivity) {
    if (!withinDays(facts.lastActivityDate, audience.daysSinceLastActivity, today)) return undefined;
    reasons.push(`last activity ${facts.lastActivityDate ?? 'never'}`);
  }
  if (audience.daysSinceLastContact) {
    if (!withinDays(facts.lastContactDate, audience.daysSinceLastContact, today)) return undefined;
    reasons.push(`last contact ${facts.lastContactDate ?? 'never'}`);
  }
  if (audience.aum) {
    const { basis, minFen, maxFen } = audience.aum;
    const fen = basis === 'balance' ? (facts.aum?.balanceFen ?? 0) : (facts.aum?.avgAumFen ?? 0);
    if (minFen !== undefined && fen < minFen) return undefined;
    if (maxFen !== undefined && fen > maxFen) return undefined;
    reasons.push(`${basis === 'balance' ? 'balance' : 'avg AUM'} ${fen} fen`);
  }
  if (audience.assetClasses) {
    const held = Object.entries(facts.holdings ?? {})
      .filter(([, fen]) => (fen ?? 0) > 0)
      .map(([c]) => c);
    const { all, any, none } = audience.assetClasses;
    if (all && !all.every((c) => held.includes(c))) return undefined;
    if (any && !any.some((c) => held.includes(c))) return undefined;
    if (none?.some((c) => held.includes(c))) return undefined;
    reasons.push(`holds ${held.length ? held.sort().join('+') : 'nothing'}`);
  }
  if (audience.productsHeld) {
    const hit = audience.productsHeld.filter((p) => facts.products?.has(p));
    if (!hit.length) return undefined;
    reasons.push(`holds product ${hit.join('+')}`);
  }
  if (audience.productsNotHeld) {
    if (audience.productsNotHeld.some((p) => facts.products?.has(p))) return undefined;
    reasons.push(`not holding ${audience.productsNotHeld.join('+')}`);
  }
  if (audience.hasOpenAlert !== undefined) {
    if ((facts.openAlert ?? false) !== audience.hasOpenAlert) return undefined;
    reasons.push(audience.hasOpenAlert ? 'open alert' : 'no open alert');
  }
  return reasons;
};

/** Does the customer meet every condition? The reason it is included, or undefined. Pure. */
export const matchAudience = (
  customer: Customer,
  audience: Audience,
  scope: { scopeOrgPath: string; orgPaths: string[] },
  facts: MemberFacts,
  today: string,
): string | undefined => {
  const own = matchCustomer(customer, audience, scope);
  if (!own) return undefined;
  const more = matchFacts(audience, facts, today);
  return more ? [...own, ...more].join('; ') : undefined;
};
