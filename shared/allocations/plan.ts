// Planning an allocation (调配): which customers a request would move, with the request's own checks,
// each as an item with its tier and balance. Used by the request and by the preview, so what the
// preview shows is what the request would record.
import { Conflict, ValidationFailed } from '#shared/errors.js';
import type { RequestContext } from '#shared/request-context.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { Customer } from '#shared/customers/customer.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import { resolvePlacement } from '#shared/customers/placement.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { AllocationItem } from './allocation.js';
import type { BalanceReader } from './ports.js';
import { MAX_ALLOCATION_CUSTOMERS, type AllocationTarget } from './api.js';

/** What planning a move reads: the customers, the org tree and staff, tiering's standing. */
export interface PlanDeps {
  customers: CustomerStore;
  orgs: OrgStore;
  staff: StaffStore;
  balances?: BalanceReader;
}

const customersOf = async (deps: PlanDeps, ctx: RequestContext, body: AllocationTarget) => {
  if (body.customerIds) {
    const found: Customer[] = [];
    for (let i = 0; i < body.customerIds.length; i += 25) {
      const chunk = body.customerIds.slice(i, i + 25);
      found.push(...(await Promise.all(chunk.map((id) => getVisibleCustomer(deps.customers, ctx, id)))));
    }
    return found;
  }
  const found: Customer[] = [];
  let cursor: PageKey | undefined;
  do {
    const page = await deps.customers.list(
      { orgPath: ctx.caller.orgPath, managerId: body.fromManagerId },
      200,
      cursor,
    );
    found.push(...page.items);
    cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
  } while (cursor && found.length <= MAX_ALLOCATION_CUSTOMERS);
  if (found.length === 0)
    throw new ValidationFailed([{ path: 'body.fromManagerId', message: 'has no customers in your scope' }]);
  if (found.length > MAX_ALLOCATION_CUSTOMERS)
    throw new ValidationFailed([
      {
        path: 'body.fromManagerId',
        message: `has more than ${MAX_ALLOCATION_CUSTOMERS} customers; move them in parts`,
      },
    ]);
  return found;
};

/**
 * What a request would move, with the request's checks (every customer in scope, none already the
 * receiving RM's, the receiving RM placed in or above each customer's unit): one item per customer.
 */
export const planAllocation = async (
  deps: PlanDeps,
  ctx: RequestContext,
  body: AllocationTarget,
): Promise<AllocationItem[]> => {
  const customers = await customersOf(deps, ctx, body);
  const already = customers.findIndex((c) => c.managerId === body.toManagerId);
  if (already >= 0)
    throw new ValidationFailed([
      {
        path: body.customerIds ? `body.customerIds.${already}` : 'body.toManagerId',
        message: `customer ${customers[already]!.customerId} is already managed by ${body.toManagerId}`,
      },
    ]);
  // One placement check per org unit: in scope, an active RM, who works in or above it (else 409).
  for (const orgId of new Set(customers.map((c) => c.orgId))) {
    await resolvePlacement(deps, ctx.caller, orgId, body.toManagerId).catch((error: unknown) => {
      if (error instanceof ValidationFailed)
        throw new ValidationFailed(
          (error.errors ?? []).map((e) =>
            e.path === 'body.managerId' ? { ...e, path: 'body.toManagerId' } : e,
          ),
        );
      if (error instanceof Conflict)
        throw new Conflict(error.message, [
          { path: 'body.toManagerId', message: 'works outside the org subtree of a customer to move' },
        ]);
      throw error;
    });
  }
  const balances = deps.balances
    ? await deps.balances(customers.map((c) => c.customerId))
    : new Map<string, number>();
  return customers.map((c) => ({
    customerId: c.customerId,
    fromManagerId: c.managerId,
    orgId: c.orgId,
    orgPath: c.orgPath,
    tier: c.tier,
    ...(balances.has(c.customerId) ? { aumFen: balances.get(c.customerId)! } : {}),
  }));
};
