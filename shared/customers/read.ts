// Read customers within the caller's scope. A customer outside it is "not found", never "forbidden".
// Revealing a phone or ID number needs a purpose, and every reveal is audited before it is shown.
import { NotFound } from '#shared/errors.js';
import { canSeeCustomer, canSeeOrgPath } from '#shared/auth/scope.js';
import { auditEntry } from '#shared/audit/audit.js';
import type { AuditLog } from '#shared/audit/store.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { OrgStore } from '#shared/org/store.js';
import type { Customer } from './customer.js';
import type { CustomerStore } from './store.js';
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

export const readCustomer = async (
  deps: { customers: CustomerStore; audit: AuditLog },
  ctx: RequestContext,
  customerId: string,
  reveal: { fields: Revealable[]; purpose: string } | undefined,
): Promise<CustomerView> => {
  const customer = await getVisibleCustomer(deps.customers, ctx, customerId);
  if (!reveal) return customerView(customer);
  await deps.audit.append(
    auditEntry(auditContext(ctx), `customer#${customerId}`, 'customer.reveal', {
      detail: { fields: reveal.fields, purpose: reveal.purpose },
    }),
  );
  return customerView(customer, reveal.fields);
};

export interface CustomerListQuery {
  limit: number;
  cursor?: PageKey;
  managerId?: string;
  orgId?: string;
  tier?: string;
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
    { orgPath, managerId, tier: query.tier, q: query.q },
    query.limit,
    query.cursor,
  );
  return { ...page, items: page.items.map((c) => customerView(c)) };
};
