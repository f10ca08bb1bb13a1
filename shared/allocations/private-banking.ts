// 私行客户转介: a customer who has just become private banking (私人银行) is proposed for a
// private-banking RM — a pending allocation a branch manager approves as any other (maker-checker
// holds: the system is the maker). A private-banking RM is an active RM working in or above the
// customer's unit (the allocation rule) who already manages private-banking customers; the one with
// the most wins (ties by staff id). None, or the customer's own RM is one: nothing is proposed.
// Idempotent: the allocation id is derived from the tier change, so a redelivery proposes nothing new.
import { createHash } from 'node:crypto';
import type { Tier } from '#shared/customers/customer.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { Staff } from '#shared/staff/staff.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import { auditEntry } from '#shared/audit/audit.js';
import { previewOf, type Allocation, type AllocationItem } from './allocation.js';
import type { AllocationStore, BalanceReader } from './ports.js';

export const SYSTEM_REQUESTER = 'system:private-banking';

export interface PrivateBankingDeps {
  allocations: AllocationStore;
  customers: Pick<CustomerStore, 'get'>;
  staff: StaffStore;
  /** private-banking customers each RM manages now */
  privateBankingBooks(staffIds: readonly string[]): Promise<Map<string, number>>;
  balances?: BalanceReader;
}

export interface TierChangeEvent {
  customerId: string;
  changeId: string;
  at: string;
  toTier: Tier;
  direction: 'upgrade' | 'downgrade';
}

/** `A` + 26 of [0-9A-F] from the change: the same change always names the same allocation. */
export const proposalId = (customerId: string, changeId: string) =>
  'A' + createHash('sha256').update(`pb|${customerId}|${changeId}`).digest('hex').toUpperCase().slice(0, 26);

/** Pure: the RM to propose, or undefined when the customer's own RM is one or there is none. */
export const pickPrivateBankingRm = (
  currentManagerId: string,
  candidates: readonly Staff[],
  books: ReadonlyMap<string, number>,
): Staff | undefined => {
  const pb = candidates
    .filter((s) => (books.get(s.staffId) ?? 0) > 0)
    .sort(
      (a, b) =>
        (books.get(b.staffId) ?? 0) - (books.get(a.staffId) ?? 0) || a.staffId.localeCompare(b.staffId),
    );
  if (pb.some((s) => s.staffId === currentManagerId)) return undefined;
  return pb[0];
};

const staffAbove = async (store: StaffStore, orgPath: string): Promise<Staff[]> => {
  // the customer's branch subtree holds everyone who may take the customer (in or above its unit)
  const branchPath = `/${orgPath.split('/').filter(Boolean).slice(0, 2).join('/')}/`;
  const out: Staff[] = [];
  let cursor: PageKey | undefined;
  do {
    const page = await store.listInSubtree(branchPath, 200, cursor);
    out.push(...page.items.filter((s) => s.active && s.role === 'rm' && orgPath.startsWith(s.orgPath)));
    cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
  } while (cursor);
  return out;
};

export const proposePrivateBankingRm = async (
  deps: PrivateBankingDeps,
  change: TierChangeEvent,
  correlationId: string,
): Promise<'proposed' | 'already' | 'not_applicable' | 'no_candidate'> => {
  if (change.toTier !== 'private_banking' || change.direction !== 'upgrade') return 'not_applicable';
  const customer = await deps.customers.get(change.customerId);
  if (!customer || customer.tier !== 'private_banking') return 'not_applicable';
  const candidates = await staffAbove(deps.staff, customer.orgPath);
  const books = await deps.privateBankingBooks(candidates.map((s) => s.staffId));
  // the customer counts in its own RM's book already: discount it
  const others = new Map(books);
  others.set(customer.managerId, Math.max(0, (others.get(customer.managerId) ?? 0) - 1));
  const target = pickPrivateBankingRm(customer.managerId, candidates, others);
  if (!target) return 'no_candidate';
  const balances = deps.balances ? await deps.balances([customer.customerId]) : new Map<string, number>();
  const item: AllocationItem = {
    customerId: customer.customerId,
    fromManagerId: customer.managerId,
    orgId: customer.orgId,
    orgPath: customer.orgPath,
    tier: customer.tier,
    ...(balances.has(customer.customerId) ? { aumFen: balances.get(customer.customerId)! } : {}),
  };
  const allocationId = proposalId(change.customerId, change.changeId);
  const allocation: Allocation = {
    allocationId,
    status: 'pending',
    requestedBy: SYSTEM_REQUESTER,
    requestedAt: change.at,
    toManagerId: target.staffId,
    reason: `新晋私人银行客户，建议转私行客户经理 ${target.name}（tier change ${change.changeId}）`,
    scopePath: customer.orgPath,
    scopeKey: customer.orgPath + allocationId,
    items: [item],
    preview: previewOf([item]),
    version: 1,
  };
  const audit = auditEntry(
    { actorId: SYSTEM_REQUESTER, correlationId, at: change.at, auditId: `${allocationId}-request` },
    `allocation#${allocationId}`,
    'allocation.propose',
    { detail: { customerId: customer.customerId, toManagerId: target.staffId, changeId: change.changeId } },
  );
  return (await deps.allocations.put(allocation, audit)) ? 'proposed' : 'already';
};
