// Change a customer. Optimistic: the write succeeds only on the version read; a concurrent change is
// a conflict to retry, never a silent overwrite. RM and org unit change only through an allocation
// (allocations/), SMS consent only through the consent ledger (consent/): the contract refuses both.
import { Conflict } from '#shared/errors.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { ALLOCATIONS_ROUTE, type UpdateCustomer } from './api.js';
import type { Customer } from './customer.js';
import { customerChanges, type CustomerDeps } from './create.js';
import { getVisibleCustomer } from './read.js';

export const updateCustomer = async (
  deps: CustomerDeps,
  ctx: RequestContext,
  customerId: string,
  patch: UpdateCustomer,
): Promise<Customer> => {
  const current = await getVisibleCustomer(deps.customers, ctx, customerId);
  // A move takes an allocation: approved by a second manager, with history, alerts and maturities
  // handed over. A patch that names the RM or org unit changes nothing, whatever else it holds.
  const moves = (['managerId', 'orgId'] as const).filter((field) => patch[field] !== undefined);
  if (moves.length > 0)
    throw new Conflict(
      `A customer changes RM or org unit only through an allocation: ${ALLOCATIONS_ROUTE} (pending until a second branch manager approves).`,
      moves.map((field) => ({ path: `body.${field}`, message: `is changed through ${ALLOCATIONS_ROUTE}` })),
    );
  const next: Customer = { ...current };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.riskLevel !== undefined) next.riskLevel = patch.riskLevel;
  if (patch.tags !== undefined) next.tags = patch.tags;
  for (const field of ['phone', 'idNumber'] as const) {
    if (patch[field] === null) delete next[field];
    else if (patch[field] !== undefined) next[field] = patch[field];
  }
  const changes = customerChanges(current, next);
  if (!changes || Object.keys(changes).length === 0) return current;
  next.version = current.version + 1;
  next.updatedAt = ctx.clock.now().toISOString();
  const audit = auditEntry(auditContext(ctx), `customer#${customerId}`, 'customer.update', { changes });
  if (!(await deps.customers.put(next, audit, current.version))) {
    throw new Conflict(
      `Customer ${customerId} was changed by someone else meanwhile; read it again and retry.`,
    );
  }
  return next;
};
