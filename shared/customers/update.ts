// Change a customer. Optimistic: the write succeeds only on the version read; a concurrent change is
// a conflict to retry, never a silent overwrite. An RM cannot move a customer out of their own book.
import { Conflict, Forbidden } from '#shared/errors.js';
import { auditEntry, changesBetween } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { UpdateCustomer } from './api.js';
import type { Customer } from './customer.js';
import type { CustomerDeps } from './create.js';
import { getVisibleCustomer } from './read.js';
import { resolvePlacement } from './placement.js';

export const updateCustomer = async (
  deps: CustomerDeps,
  ctx: RequestContext,
  customerId: string,
  patch: UpdateCustomer,
): Promise<Customer> => {
  const current = await getVisibleCustomer(deps.customers, ctx, customerId);
  const moving =
    (patch.orgId !== undefined && patch.orgId !== current.orgId) ||
    (patch.managerId !== undefined && patch.managerId !== current.managerId);
  const next: Customer = { ...current };
  if (moving) {
    if (ctx.caller.role === 'rm')
      throw new Forbidden('A relationship manager cannot move customers; ask for an allocation.');
    const { org, manager } = await resolvePlacement(
      deps,
      ctx.caller,
      patch.orgId ?? current.orgId,
      patch.managerId ?? current.managerId,
    );
    Object.assign(next, {
      orgId: org.orgId,
      orgPath: org.path,
      branchId: org.branchId,
      scopeKey: org.path + customerId,
      managerId: manager.staffId,
    });
  }
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.riskLevel !== undefined) next.riskLevel = patch.riskLevel;
  if (patch.smsConsent !== undefined) next.smsConsent = patch.smsConsent;
  if (patch.tags !== undefined) next.tags = patch.tags;
  for (const field of ['phone', 'idNumber'] as const) {
    if (patch[field] === null) delete next[field];
    else if (patch[field] !== undefined) next[field] = patch[field];
  }
  const changes = changesBetween(current, next, [
    'createdAt',
    'updatedAt',
    'version',
    'scopeKey',
    'orgPath',
    'branchId',
  ]);
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
