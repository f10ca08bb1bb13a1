// Allocation use cases. Request: every customer in the caller's scope, the new RM active and working
// in (or above) each customer's org unit, else 409. Approve: a branch manager whose subtree holds all
// of it and who did not request it; then each customer moves on the version read (a customer whose
// owner changed meanwhile is skipped, not overwritten), and the move enters the customer's history.
import { Conflict, Forbidden, NotFound } from '#shared/errors.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { canSeeCustomer } from '#shared/auth/scope.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { Customer } from '#shared/customers/customer.js';
import { type Page, type PageKey } from '#shared/http/pagination.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import { logEntryId, type CustomerLogStore, type TransferEntry } from '#shared/timeline/customer-log.js';
import { commonOrgPath, previewOf, type Allocation, type AllocationItem } from './allocation.js';
import { planAllocation } from './plan.js';
import type { AllocationStore, BalanceReader, Handover } from './ports.js';
import type { CreateAllocation } from './api.js';

export interface AllocationDeps {
  allocations: AllocationStore;
  customers: CustomerStore;
  orgs: OrgStore;
  staff: StaffStore;
  log: CustomerLogStore;
  balances?: BalanceReader;
  /** open alerts and maturities follow a moved customer */
  handover?: Handover;
}

export const requestAllocation = async (
  deps: AllocationDeps,
  ctx: RequestContext,
  body: CreateAllocation,
): Promise<Allocation> => {
  const items = await planAllocation(deps, ctx, body);
  const allocationId = ctx.ids.next('A');
  const scopePath = commonOrgPath(items.map((i) => i.orgPath));
  const allocation: Allocation = {
    allocationId,
    status: 'pending',
    requestedBy: ctx.caller.staffId,
    requestedAt: ctx.clock.now().toISOString(),
    toManagerId: body.toManagerId,
    reason: body.reason,
    scopePath,
    scopeKey: scopePath + allocationId,
    items,
    preview: {
      ...previewOf(items),
      ...(deps.handover
        ? { openAlerts: await deps.handover.openAlerts(items.map((i) => i.customerId)) }
        : {}),
    },
    version: 1,
  };
  const audit = auditEntry(auditContext(ctx), `allocation#${allocationId}`, 'allocation.request', {
    detail: { toManagerId: body.toManagerId, customers: items.length },
  });
  if (!(await deps.allocations.put(allocation, audit)))
    throw new Conflict(`Allocation ${allocationId} exists.`);
  return allocation;
};

export const visibleAllocation = async (
  deps: Pick<AllocationDeps, 'allocations'>,
  ctx: Pick<RequestContext, 'caller'>,
  allocationId: string,
): Promise<Allocation> => {
  const allocation = await deps.allocations.get(allocationId);
  if (!allocation || !allocation.scopePath.startsWith(ctx.caller.orgPath))
    throw new NotFound(`Allocation ${allocationId}`);
  return allocation;
};

const checkDecider = (ctx: RequestContext, allocation: Allocation) => {
  // 四眼原则: makers never approve their own work, nor does the one who gains the customers
  if (allocation.requestedBy === ctx.caller.staffId)
    throw new Forbidden('The requester of an allocation cannot approve or reject it.');
  if (allocation.toManagerId === ctx.caller.staffId)
    throw new Forbidden('The receiving relationship manager of an allocation cannot approve or reject it.');
};

export const rejectAllocation = async (
  deps: AllocationDeps,
  ctx: RequestContext,
  allocationId: string,
  note?: string,
): Promise<Allocation> => {
  const current = await visibleAllocation(deps, ctx, allocationId);
  checkDecider(ctx, current);
  if (current.status !== 'pending') throw new Conflict(`Allocation ${allocationId} is ${current.status}.`);
  const next: Allocation = {
    ...current,
    status: 'rejected',
    decidedBy: ctx.caller.staffId,
    decidedAt: ctx.clock.now().toISOString(),
    ...(note ? { note } : {}),
    version: current.version + 1,
  };
  const audit = auditEntry(auditContext(ctx), `allocation#${allocationId}`, 'allocation.reject', {
    detail: { note },
  });
  if (!(await deps.allocations.put(next, audit, current.version)))
    throw new Conflict(`Allocation ${allocationId} was decided meanwhile.`);
  return next;
};

export const approveAllocation = async (
  deps: AllocationDeps,
  ctx: RequestContext,
  allocationId: string,
  note?: string,
): Promise<Allocation> => {
  let current = await visibleAllocation(deps, ctx, allocationId);
  checkDecider(ctx, current);
  if (current.status === 'applying' && current.decidedBy !== ctx.caller.staffId)
    throw new Conflict(`Allocation ${allocationId} is being applied by ${current.decidedBy}.`);
  if (current.status !== 'pending' && current.status !== 'applying')
    throw new Conflict(`Allocation ${allocationId} is ${current.status}.`);
  const manager = await deps.staff.get(current.toManagerId);
  if (!manager || !manager.active)
    throw new Conflict(
      `${current.toManagerId} is no longer an active relationship manager; reject this allocation.`,
    );

  if (current.status === 'pending') {
    // Claim the decision first: a second approver loses here, and a crash resumes from `applying`.
    const claimed: Allocation = {
      ...current,
      status: 'applying',
      decidedBy: ctx.caller.staffId,
      decidedAt: ctx.clock.now().toISOString(),
      ...(note ? { note } : {}),
      version: current.version + 1,
    };
    const audit = auditEntry(auditContext(ctx), `allocation#${allocationId}`, 'allocation.approve', {
      detail: { note },
    });
    if (!(await deps.allocations.put(claimed, audit, current.version)))
      throw new Conflict(`Allocation ${allocationId} was decided meanwhile.`);
    current = claimed;
  }

  const moved: string[] = [];
  const skipped: { customerId: string; reason: string }[] = [];
  for (const item of current.items) {
    const outcome = await moveCustomer(deps, ctx, current, item);
    if (outcome === 'moved') moved.push(item.customerId);
    else skipped.push({ customerId: item.customerId, reason: outcome });
  }
  const done: Allocation = { ...current, status: 'approved', moved, skipped, version: current.version + 1 };
  const audit = auditEntry(auditContext(ctx), `allocation#${allocationId}`, 'allocation.applied', {
    detail: { moved: moved.length, skipped: skipped.length },
  });
  if (!(await deps.allocations.put(done, audit, current.version)))
    throw new Conflict(`Allocation ${allocationId} changed while it was applied; read it again.`);
  return done;
};

const moveCustomer = async (
  deps: AllocationDeps,
  ctx: RequestContext,
  allocation: Allocation,
  item: AllocationItem,
): Promise<'moved' | string> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const customer = await deps.customers.get(item.customerId);
    if (!customer) return 'customer no longer exists';
    if (customer.managerId === allocation.toManagerId) break; // moved already (a resumed approval)
    if (customer.managerId !== item.fromManagerId) return `owner changed to ${customer.managerId} meanwhile`;
    if (!customer.orgPath.startsWith(ctx.caller.orgPath)) return 'customer left the approver’s subtree';
    const next: Customer = {
      ...customer,
      managerId: allocation.toManagerId,
      updatedAt: ctx.clock.now().toISOString(),
      version: customer.version + 1,
    };
    const audit = auditEntry(auditContext(ctx), `customer#${customer.customerId}`, 'customer.allocate', {
      changes: { managerId: { before: customer.managerId, after: allocation.toManagerId } },
      detail: { allocationId: allocation.allocationId },
    });
    if (await deps.customers.put(next, audit, customer.version)) break;
    if (attempt === 2) return 'customer kept changing; approve again to retry';
  }
  const at = allocation.decidedAt!;
  const entry: TransferEntry = {
    customerId: item.customerId,
    entryId: logEntryId(at, allocation.allocationId),
    at,
    kind: 'transfer',
    allocationId: allocation.allocationId,
    fromManagerId: item.fromManagerId,
    toManagerId: allocation.toManagerId,
    requestedBy: allocation.requestedBy,
    approvedBy: allocation.decidedBy!,
    reason: allocation.reason,
  };
  await deps.log.put(entry);
  // after the customer: a crash here is finished by approving again (a moved customer is re-handed over)
  await deps.handover?.follow(item.customerId, allocation.toManagerId);
  return 'moved';
};

export const listAllocations = (
  deps: Pick<AllocationDeps, 'allocations'>,
  ctx: Pick<RequestContext, 'caller'>,
  query: { status: Allocation['status']; limit: number; cursor?: PageKey },
): Promise<Page<Allocation>> =>
  deps.allocations.listByStatus(query.status, ctx.caller.orgPath, query.limit, query.cursor);

/** A customer's transfers, newest first; anyone who can see the customer can see its history. */
export const customerAllocationHistory = async (
  deps: Pick<AllocationDeps, 'customers' | 'log'>,
  ctx: Pick<RequestContext, 'caller'>,
  customerId: string,
  query: { limit: number; cursor?: PageKey },
): Promise<Page<TransferEntry>> => {
  const customer = await deps.customers.get(customerId);
  if (!customer || !canSeeCustomer(ctx.caller, customer)) throw new NotFound(`Customer ${customerId}`);
  const { items, nextCursor } = await deps.log.list(customerId, query.limit, query.cursor, 'transfer');
  return { items: items as TransferEntry[], ...(nextCursor ? { nextCursor } : {}) };
};

/** What a reader sees: the internal scope key dropped. */
export const allocationView = (allocation: Allocation) => {
  const { scopeKey: _scopeKey, version: _version, ...rest } = allocation;
  return { ...rest, items: rest.items.map(({ orgPath: _orgPath, ...item }) => item) };
};
