// Read customers within the caller's scope. A customer outside it is "not found", never "forbidden".
// Revealing a phone or ID number needs a purpose and a caller who may (auth/reveal.ts), and every
// reveal is audited before it is shown. A refused reveal is audited too (`customer.reveal-refused`,
// with the reason): an auditor looks for who tried, not only for who saw.
import { Forbidden, NotFound } from '#shared/errors.js';
import { canSeeCustomer, canSeeOrgPath } from '#shared/auth/scope.js';
import { mayReveal } from '#shared/auth/reveal.js';
import { auditEntry } from '#shared/audit/audit.js';
import type { AuditLog } from '#shared/audit/ports.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { OrgStore } from '#shared/org/ports.js';
import { consentStanding, type ConsentState, type PhoneOptOut } from '#shared/consent/consent.js';
import type { CustomerAumView } from '#shared/tiering/api.js';
import { productsHeld, type HeldLine } from '#shared/performance/products-held.js';
import type { Customer360View } from './api.js';
import type { Customer } from './customer.js';
import type { CustomerStore } from './ports.js';
import { customerView, type CustomerView, type Revealable } from './view.js';

export const getVisibleCustomer = async (
  customers: CustomerStore,
  ctx: Pick<RequestContext, 'caller'>,
  customerId: string,
): Promise<Customer> => {
  const customer = await customers.get(customerId);
  if (!customer || !canSeeCustomer(ctx.caller, customer)) throw new NotFound(`Customer ${customerId}`);
  return customer;
};

type Reveal = { fields: Revealable[]; purpose: string };

const auditReveal = (
  audit: AuditLog,
  ctx: RequestContext,
  customerId: string,
  reveal: Reveal,
  refused?: string,
) =>
  audit.append(
    auditEntry(
      auditContext(ctx),
      `customer#${customerId}`,
      refused ? 'customer.reveal-refused' : 'customer.reveal',
      { detail: { fields: reveal.fields, purpose: reveal.purpose, ...(refused && { refused }) } },
    ),
  );

/** The customer in scope, as getVisibleCustomer; a reveal asked of one out of scope is audited as refused. */
const customerToRead = (
  deps: { customers: CustomerStore; audit: AuditLog },
  ctx: RequestContext,
  customerId: string,
  reveal: Reveal | undefined,
): Promise<Customer> =>
  getVisibleCustomer(deps.customers, ctx, customerId).catch(async (error: unknown) => {
    if (reveal && error instanceof NotFound)
      await auditReveal(deps.audit, ctx, customerId, reveal, 'not in the caller’s scope');
    throw error;
  });

export const readCustomer = async (
  deps: { customers: CustomerStore; audit: AuditLog },
  ctx: RequestContext,
  customerId: string,
  reveal: Reveal | undefined,
): Promise<CustomerView> => {
  const customer = await customerToRead(deps, ctx, customerId, reveal);
  if (!reveal) return customerView(customer);
  if (!mayReveal(ctx.caller, customer)) {
    await auditReveal(deps.audit, ctx, customerId, reveal, `the role ${ctx.caller.role} may not reveal`);
    throw new Forbidden(
      'Your role may not reveal this customer’s phone or ID number; it works on masked data.',
    );
  }
  await auditReveal(deps.audit, ctx, customerId, reveal);
  return customerView(customer, reveal.fields);
};

export interface CustomerListQuery {
  limit: number;
  cursor?: PageKey;
  managerId?: string;
  orgId?: string;
  tier?: string;
  riskLevel?: string;
  tag?: string;
  q?: string;
}

export const listCustomers = async (
  deps: { customers: CustomerStore; orgs: OrgStore },
  ctx: Pick<RequestContext, 'caller'>,
  query: CustomerListQuery,
): Promise<Page<CustomerView>> => {
  const { caller } = ctx;
  let orgPath = caller.orgPath;
  if (query.orgId) {
    const org = await deps.orgs.get(query.orgId);
    if (
      !org ||
      !(caller.role === 'rm' ? org.path.startsWith(caller.orgPath) : canSeeOrgPath(caller, org.path))
    ) {
      throw new NotFound(`Org unit ${query.orgId}`);
    }
    orgPath = org.path;
  }
  // An RM's scope is their own book, whatever they ask for.
  if (caller.role === 'rm' && query.managerId && query.managerId !== caller.staffId) return { items: [] };
  const managerId = caller.role === 'rm' ? caller.staffId : query.managerId;
  const page = await deps.customers.list(
    { orgPath, managerId, tier: query.tier, riskLevel: query.riskLevel, tag: query.tag, q: query.q },
    query.limit,
    query.cursor,
  );
  return { ...page, items: page.items.map((c) => customerView(c)) };
};

/**
 * Where the 360's parts come from, one customer each, every one a key read or a Query. A source
 * answers null when its table is missing (not deployed, not granted): the part is then null.
 */
export interface Customer360Sources {
  /** Tiering's read of the customer (tier-state, AUM counters, policy); undefined: nothing counted. */
  tiering(
    customer: Customer,
    ctx: Pick<RequestContext, 'caller'>,
  ): Promise<CustomerAumView | undefined | null>;
  /** The customer's performance ledger entries (registrations and reversals). */
  ledger(customerId: string): Promise<HeldLine[] | null>;
  staff(staffId: string): Promise<{ staffId: string; name: string } | undefined | null>;
  consent(
    customer: Customer,
  ): Promise<{ ledger: ConsentState | undefined; phone: PhoneOptOut | undefined } | null>;
  dataQuality(
    customerId: string,
  ): Promise<{ score: number; gaps: string[]; version: number } | undefined | null>;
}

const tieringParts = (aum: CustomerAumView | undefined | null) =>
  aum
    ? {
        tierStanding: {
          tier: aum.tier.current,
          guaranteed: aum.tier.guaranteed,
          projected: aum.tier.projected,
          ...(aum.tier.nextTier ? { nextTier: aum.tier.nextTier } : {}),
          ...(aum.tier.gapToNextFen !== undefined ? { gapToNextFen: aum.tier.gapToNextFen } : {}),
          ...(aum.tier.closedThrough ? { closedThrough: aum.tier.closedThrough } : {}),
          policyVersion: aum.tier.policyVersion,
        },
        aum: {
          asOf: aum.asOf,
          month: aum.monthToDate.month,
          days: aum.monthToDate.days,
          avgAumFen: aum.monthToDate.avgAumFen,
          avgByAssetClass: aum.monthToDate.byAssetClass,
          balances: aum.balances,
          totalBalanceFen: aum.totalBalanceFen,
        },
      }
    : { tierStanding: null, aum: null };

/**
 * The customer 360 (客户视图): the customer (scoped, masked, a reveal audited, as readCustomer), then
 * every other part side by side, each read by the customer's key.
 */
export const readCustomer360 = async (
  deps: { customers: CustomerStore; audit: AuditLog; sources: Customer360Sources },
  ctx: RequestContext,
  customerId: string,
  reveal: Reveal | undefined,
): Promise<Customer360View> => {
  const customer = await customerToRead(deps, ctx, customerId, reveal);
  const { sources } = deps;
  const [view, aum, ledger, rm, consent, quality] = await Promise.all([
    readCustomer({ ...deps, customers: knownCustomer(deps.customers, customer) }, ctx, customerId, reveal),
    sources.tiering(customer, ctx),
    sources.ledger(customerId),
    sources.staff(customer.managerId),
    sources.consent(customer),
    sources.dataQuality(customerId),
  ]);
  const tiering = tieringParts(aum);
  const standing = consent && consentStanding(customer, consent.ledger, consent.phone);
  return {
    ...view,
    tier: tiering.tierStanding?.tier ?? view.tier,
    ...tiering,
    products: ledger && productsHeld(ledger),
    rm: rm ? { staffId: rm.staffId, name: rm.name } : null,
    consent: standing
      ? {
          consent: standing.consent,
          ...(standing.source ? { source: standing.source } : {}),
          ...(consent.ledger ? { at: consent.ledger.at } : {}),
          phoneOptedOut: standing.phoneOptedOut,
          mayReceiveMarketing: standing.consent === 'granted' && !standing.phoneOptedOut && !!customer.phone,
        }
      : null,
    dataQuality: quality ? { score: quality.score, gaps: quality.gaps, asOfVersion: quality.version } : null,
  };
};

/** The store, answering for a customer already read from it without reading again. */
export const knownCustomer = (customers: CustomerStore, customer: Customer): CustomerStore => ({
  ...customers,
  get: async (customerId) => (customerId === customer.customerId ? customer : customers.get(customerId)),
});
