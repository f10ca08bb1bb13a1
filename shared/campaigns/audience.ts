// Audiences (目标客户群): conditions → the customers who match, read from the narrowest index so the
// cost follows the audience's size, not the bank's. The source is one of:
//   listed customers        one GetItem each
//   RMs' books              the customers' byManager index
//   has an open alert       the alerts' byBranch index (open and acknowledged alerts of the scope)
//   org subtrees / scope    the customers' byBranch index (a branch subtree is one key range)
// Every other condition filters what the source read, cheapest first: the customer's own fields
// (tier, risk, tags, org, RM), then one batched read per page for each fact the audience names and
// only for the customers still in: AUM (tier state), asset-class holdings (AUM counters), products
// held (the performance ledger's byCustomer index), open alerts (the alerts' byCustomer index), last
// activity, last contact (the customer log). So a filter-only audience (tier, risk, tags, AUM,
// holdings, products, days since …, no open alert) reads its whole scope: a branch's subtree by
// index, and only a head-office audience with no narrowing condition is a full table scan.
// Each member carries the reason it was included.
import { businessDateOf } from '#shared/adapters/clock.js';
import type { Customer } from '#shared/customers/customer.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { OrgStore } from '#shared/org/ports.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { FieldError } from '#shared/errors.js';
import type { AssetClass } from '#shared/transactions/transaction.js';
import type { Audience } from './campaign.js';
import { daysBefore } from './compliance-gate.js';

/** What an audience may ask about a customer beyond the customer record; each read is batched per page. */
export interface AudienceFacts {
  /** Business date of each customer's last transaction, where there is one. */
  lastActivity(customerIds: string[]): Promise<Map<string, string>>;
  /** Business date (Asia/Shanghai) of each customer's last logged contact, where there is one. */
  lastContact(customerIds: string[]): Promise<Map<string, string>>;
  /** Weighted AUM from the tier state, for `today`'s month; customers without a state have none. */
  aum(customerIds: string[], today: string): Promise<Map<string, CustomerAum>>;
  /** Current balance per asset class (fen), where the customer has counters. */
  holdings(customerIds: string[]): Promise<Map<string, Partial<Record<AssetClass, number>>>>;
  /** Products each customer holds: registered sales net of reversals above zero. */
  products(customerIds: string[]): Promise<Map<string, Set<string>>>;
  /** The customers among these with an alert that is not closed. */
  openAlerts(customerIds: string[]): Promise<Set<string>>;
  /** Customer ids with an alert that is not closed in an org subtree, a page at a time (the source). */
  customersWithOpenAlerts(orgPath: string): AsyncIterable<string[]>;
}

export interface CustomerAum {
  avgAumFen: number;
  balanceFen: number;
}

export interface AudienceDeps {
  customers: CustomerStore;
  orgs: OrgStore;
  facts: AudienceFacts;
}

/** The index reads an audience needs: one per listed id, RM, org subtree, or the scope's open alerts. */
export type AudienceSource =
  | { kind: 'customers'; customerIds: string[] }
  | { kind: 'managers'; managerIds: string[] }
  | { kind: 'open_alerts'; orgPaths: string[] }
  | { kind: 'subtrees'; orgPaths: string[] };

/** Org ids of the audience → their paths, each inside the campaign's scope; errors name the path. */
export const resolveOrgPaths = async (
  orgs: OrgStore,
  audience: Audience,
  scopeOrgPath: string,
): Promise<{ paths: string[]; errors: FieldError[] }> => {
  const errors: FieldError[] = [];
  const paths: string[] = [];
  for (const [i, orgId] of (audience.orgIds ?? []).entries()) {
    const org = await orgs.get(orgId);
    if (!org || !org.path.startsWith(scopeOrgPath)) {
      errors.push({
        path: `body.audience.orgIds.${i}`,
        message: 'is not an org unit inside the campaign’s scope',
      });
    } else paths.push(org.path);
  }
  return { paths, errors };
};

export const sourceOf = (audience: Audience, scopeOrgPath: string, orgPaths: string[]): AudienceSource => {
  if (audience.customerIds) return { kind: 'customers', customerIds: audience.customerIds };
  if (audience.managerIds) return { kind: 'managers', managerIds: audience.managerIds };
  const paths = orgPaths.length ? orgPaths : [scopeOrgPath];
  if (audience.hasOpenAlert === true) return { kind: 'open_alerts', orgPaths: paths };
  return { kind: 'subtrees', orgPaths: paths };
};

/** The facts an audience's conditions need (read only for the customers its own fields let in). */
export const factsNeeded = (audience: Audience) => ({
  lastActivity: audience.daysSinceLastActivity !== undefined,
  lastContact: audience.daysSinceLastContact !== undefined,
  aum: audience.aum !== undefined,
  holdings: audience.assetClasses !== undefined,
  products: audience.productsHeld !== undefined || audience.productsNotHeld !== undefined,
  openAlerts: audience.hasOpenAlert !== undefined,
});

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

export interface AudienceMember {
  customer: Customer;
  included: string;
}

const empty = <K, V>() => Promise.resolve(new Map<K, V>());

/** Reads the facts the audience needs for these customers, each kind in one batched call. */
export const readFacts = async (
  facts: AudienceFacts,
  audience: Audience,
  customerIds: string[],
  today: string,
): Promise<Map<string, MemberFacts>> => {
  const need = factsNeeded(audience);
  const none = customerIds.length === 0;
  const [activity, contact, aum, holdings, products, alerts] = await Promise.all([
    need.lastActivity && !none ? facts.lastActivity(customerIds) : empty<string, string>(),
    need.lastContact && !none ? facts.lastContact(customerIds) : empty<string, string>(),
    need.aum && !none ? facts.aum(customerIds, today) : empty<string, CustomerAum>(),
    need.holdings && !none
      ? facts.holdings(customerIds)
      : empty<string, Partial<Record<AssetClass, number>>>(),
    need.products && !none ? facts.products(customerIds) : empty<string, Set<string>>(),
    need.openAlerts && !none ? facts.openAlerts(customerIds) : Promise.resolve(new Set<string>()),
  ]);
  return new Map(
    customerIds.map((id) => {
      const f: MemberFacts = {};
      const a = activity.get(id);
      if (a) f.lastActivityDate = a;
      const c = contact.get(id);
      if (c) f.lastContactDate = c;
      const m = aum.get(id);
      if (m) f.aum = m;
      const h = holdings.get(id);
      if (h) f.holdings = h;
      const p = products.get(id);
      if (p) f.products = p;
      if (need.openAlerts) f.openAlert = alerts.has(id);
      return [id, f];
    }),
  );
};

const PAGE = 200;

/** Streams the matching customers, a page at a time, from the source's indexes. */
export async function* buildAudience(
  deps: AudienceDeps,
  audience: Audience,
  scopeOrgPath: string,
  orgPaths: string[],
  now: Date,
): AsyncGenerator<AudienceMember[]> {
  const today = businessDateOf(now);
  const source = sourceOf(audience, scopeOrgPath, orgPaths);
  const scope = { scopeOrgPath, orgPaths };
  const seen = new Set<string>();
  const filter = async (page: Customer[]): Promise<AudienceMember[]> => {
    const fresh = page.filter((c) => !seen.has(c.customerId));
    for (const c of fresh) seen.add(c.customerId);
    // the customer's own fields first: facts are read only for who is still in
    const own = fresh
      .map((customer) => ({ customer, reasons: matchCustomer(customer, audience, scope) }))
      .filter((m): m is { customer: Customer; reasons: string[] } => m.reasons !== undefined);
    const facts = await readFacts(
      deps.facts,
      audience,
      own.map((m) => m.customer.customerId),
      today,
    );
    const members: AudienceMember[] = [];
    for (const { customer, reasons } of own) {
      const more = matchFacts(audience, facts.get(customer.customerId) ?? {}, today);
      if (more) members.push({ customer, included: [...reasons, ...more].join('; ') });
    }
    return members;
  };
  const byIds = async (ids: string[]) => {
    const found = await Promise.all(ids.map((id) => deps.customers.get(id)));
    return found.filter((c): c is Customer => c !== undefined);
  };
  const pages = async function* (f: { orgPath: string; managerId?: string }) {
    let cursor: PageKey | undefined;
    do {
      const page = await deps.customers.list(f, PAGE, cursor);
      yield page.items;
      cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
    } while (cursor);
  };
  if (source.kind === 'customers') {
    for (let i = 0; i < source.customerIds.length; i += 100) {
      yield await filter(await byIds(source.customerIds.slice(i, i + 100)));
    }
  } else if (source.kind === 'managers') {
    for (const managerId of source.managerIds) {
      for await (const page of pages({ orgPath: scopeOrgPath, managerId })) yield await filter(page);
    }
  } else if (source.kind === 'open_alerts') {
    for (const orgPath of source.orgPaths) {
      for await (const ids of deps.facts.customersWithOpenAlerts(orgPath)) {
        const unseen = [...new Set(ids)].filter((id) => !seen.has(id));
        for (let i = 0; i < unseen.length; i += 100)
          yield await filter(await byIds(unseen.slice(i, i + 100)));
      }
    }
  } else {
    for (const orgPath of source.orgPaths)
      for await (const page of pages({ orgPath })) yield await filter(page);
  }
}
