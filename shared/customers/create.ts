// Create a customer. Idempotent: the same customerId (or Idempotency-Key) with the same content
// returns the customer already made; with different content it is a conflict.
import { createHash } from 'node:crypto';
import { Conflict } from '#shared/errors.js';
import { auditEntry, changesBetween } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { CreateCustomer } from './api.js';
import type { Customer } from './customer.js';
import type { CustomerStore } from './ports.js';
import { resolvePlacement } from './placement.js';

export interface CustomerDeps {
  customers: CustomerStore;
  orgs: OrgStore;
  staff: StaffStore;
}

const CONTENT_FIELDS = [
  'name',
  'phone',
  'idNumber',
  'orgId',
  'managerId',
  'riskLevel',
  'smsConsent',
  'tags',
] as const;

/** A customer's audited changes: bookkeeping and the fields derived from its org unit left out. */
export const customerChanges = (before: Customer | undefined, after: Customer) =>
  changesBetween(before, after, ['createdAt', 'updatedAt', 'version', 'scopeKey', 'orgPath', 'branchId']);

/** A retried create with an Idempotency-Key lands on the same id, so it cannot make a second customer. */
export const customerIdFor = (ctx: RequestContext, input: CreateCustomer, idempotencyKey?: string): string =>
  input.customerId ??
  (idempotencyKey
    ? 'C' +
      createHash('sha256')
        .update(`${ctx.caller.staffId}\n${idempotencyKey}`)
        .digest('hex')
        .slice(0, 24)
        .toUpperCase()
    : ctx.ids.next('C'));

export const createCustomer = async (
  deps: CustomerDeps,
  ctx: RequestContext,
  input: CreateCustomer,
  idempotencyKey?: string,
): Promise<{ created: boolean; customer: Customer }> => {
  const { org } = await resolvePlacement(deps, ctx.caller, input.orgId, input.managerId);
  const customerId = customerIdFor(ctx, input, idempotencyKey);
  const now = ctx.clock.now().toISOString();
  const customer: Customer = {
    customerId,
    name: input.name,
    ...(input.phone ? { phone: input.phone } : {}),
    ...(input.idNumber ? { idNumber: input.idNumber } : {}),
    orgId: org.orgId,
    orgPath: org.path,
    branchId: org.branchId,
    scopeKey: org.path + customerId,
    managerId: input.managerId,
    tier: 'standard',
    ...(input.riskLevel ? { riskLevel: input.riskLevel } : {}),
    // no consent until the ledger records the customer's own act (consent/), which projects it here
    smsConsent: false,
    tags: input.tags,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const audit = auditEntry(auditContext(ctx), `customer#${customerId}`, 'customer.create', {
    changes: customerChanges(undefined, customer),
  });
  if (await deps.customers.put(customer, audit)) return { created: true, customer };

  const existing = await deps.customers.get(customerId);
  if (existing && CONTENT_FIELDS.every((f) => JSON.stringify(existing[f]) === JSON.stringify(customer[f]))) {
    return { created: false, customer: existing };
  }
  throw new Conflict(`Customer ${customerId} exists already with different content.`, [
    { path: 'body.customerId', message: 'is taken by another customer record' },
  ]);
};
