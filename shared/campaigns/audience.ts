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
import { businessDateOf } from '#shared/clock.js';
import type { Customer } from '#shared/customers/customer.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { OrgStore } from '#shared/org/ports.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Audience } from './campaign.js';
import { matchCustomer, matchFacts } from './audience-match.js';
import { readFacts } from './audience-facts.js';
import { sourceOf } from './audience-source.js';
import type { AudienceFacts } from './ports.js';

export interface AudienceDeps {
  customers: CustomerStore;
  orgs: OrgStore;
  facts: AudienceFacts;
}

export interface AudienceMember {
  customer: Customer;
  included: string;
}

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
