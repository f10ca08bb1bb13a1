// The facts an audience's conditions need, read for one page of customers, each kind in one
// batched call and only when a condition names it.
import type { AssetClass } from '#shared/transactions/transaction.js';
import type { Audience } from './campaign.js';
import type { MemberFacts } from './audience-match.js';
import type { AudienceFacts, CustomerAum } from './ports.js';

/** The facts an audience's conditions need (read only for the customers its own fields let in). */
export const factsNeeded = (audience: Audience) => ({
  lastActivity: audience.daysSinceLastActivity !== undefined,
  lastContact: audience.daysSinceLastContact !== undefined,
  aum: audience.aum !== undefined,
  holdings: audience.assetClasses !== undefined,
  products: audience.productsHeld !== undefined || audience.productsNotHeld !== undefined,
  openAlerts: audience.hasOpenAlert !== undefined,
});

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
