// HTTP contracts for allocations (客户调配): request, approve or reject (never by the requester),
// read one, list a subtree's by status, and a customer's transfer history.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { CustomerParams } from '#shared/customers/api.js';
import { RELATIONSHIP_READERS } from '#shared/auth/roles.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { StaffId } from '#shared/staff/staff.js';
import { CustomerId } from '#shared/customers/customer.js';
import { ALLOCATION_STATUSES } from './allocation.js';

export const MAX_ALLOCATION_CUSTOMERS = 500;

/** Who moves where: the customers (or a leaving RM's whole book) and the receiving RM. */
const target = {
  /** The customers to move… */
  customerIds: z.array(CustomerId).min(1).max(MAX_ALLOCATION_CUSTOMERS).optional(),
  /** …or every customer of this RM in the caller's scope (an RM who leaves). */
  fromManagerId: StaffId.optional(),
  toManagerId: StaffId,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The rules of a target, whatever else the body holds (a request adds its reason). They run even when
 * a field failed, so one problem lists every failing field.
 */
const withTargetRules = <T extends z.ZodType<{ customerIds?: string[]; fromManagerId?: string }>>(
  schema: T,
): T =>
  schema
    .refine((b) => (b.customerIds === undefined) !== (b.fromManagerId === undefined), {
      message: 'give either customerIds or fromManagerId',
      path: ['customerIds'],
      when: ({ value }) => isRecord(value),
    })
    .refine((b) => !Array.isArray(b.customerIds) || new Set(b.customerIds).size === b.customerIds.length, {
      message: 'lists a customer twice',
      path: ['customerIds'],
      when: ({ value }) => isRecord(value),
    });

export const AllocationTarget = withTargetRules(z.strictObject(target));
export type AllocationTarget = z.infer<typeof AllocationTarget>;

export const CreateAllocation = withTargetRules(
  z.strictObject({ ...target, reason: z.string().trim().min(2).max(500) }),
);
export type CreateAllocation = z.infer<typeof CreateAllocation>;

export const Decision = z.strictObject({ note: z.string().trim().min(1).max(500).optional() }).default({});

export const AllocationView = z.object({
  allocationId: z.string(),
  status: z.enum(ALLOCATION_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  toManagerId: z.string(),
  reason: z.string(),
  /** the deepest org path holding every customer: whoever approves must see all of it */
  scopePath: z.string(),
  items: z.array(
    z.object({
      customerId: z.string(),
      fromManagerId: z.string(),
      orgId: z.string(),
      tier: z.string(),
      aumFen: z.number().optional().describe('the customer’s weighted balance when requested, if known'),
    }),
  ),
  preview: z.object({
    customers: z.number(),
    byTier: z.record(z.string(), z.number()),
    byFromManager: z.record(z.string(), z.number()),
    aumFen: z.number(),
    customersWithAum: z.number(),
    openAlerts: z.number().optional().describe('alerts not yet closed that move with the customers'),
  }),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  note: z.string().optional().describe('the approver’s note, or why it was rejected'),
  moved: z.array(z.string()).optional(),
  skipped: z.array(z.object({ customerId: z.string(), reason: z.string() })).optional(),
});

const AllocationParams = z.object({
  allocationId: z.string().regex(/^A[0-9A-Z]{26}$/, 'is not an allocation id'),
});
const MANAGERS = ['branch_manager', 'admin'] as const;

export const createAllocation = defineRoute({
  method: 'POST',
  path: '/v1/allocations',
  summary: 'Request moving customers to another RM (pending until a different branch manager approves)',
  auth: 'jwt',
  roles: MANAGERS,
  body: CreateAllocation,
  response: AllocationView,
  successStatus: 201,
});

const Moving = z.object({
  customers: z.number(),
  byTier: z.record(z.string(), z.number()).describe('customers moving by their current tier'),
  aumFen: z.number().describe('sum of the known balances moving (时点AUM, fen)'),
  customersWithAum: z.number().describe('how many of them have a balance standing (the rest count as 0)'),
  openAlerts: z.number().describe('alerts not yet closed that move with the customers'),
});

export const AllocationPreviewView = z.object({
  toManagerId: z.string(),
  total: Moving,
  flows: z
    .array(Moving.extend({ fromManagerId: z.string(), toManagerId: z.string() }))
    .describe('what leaves each current RM for the receiving RM, most customers first'),
});

export const previewAllocation = defineRoute({
  method: 'POST',
  path: '/v1/allocations/preview',
  summary:
    'What an allocation would move, before it is requested: customers, tier mix, AUM and open alerts from each current RM to the receiving RM (the request’s checks, nothing written)',
  auth: 'jwt',
  roles: MANAGERS,
  body: AllocationTarget,
  response: AllocationPreviewView,
});

export const approveAllocation = defineRoute({
  method: 'POST',
  path: '/v1/allocations/{allocationId}/approve',
  summary:
    'Approve and apply an allocation (a branch manager of its subtree, neither the requester nor the receiving RM)',
  auth: 'jwt',
  roles: ['branch_manager'],
  params: AllocationParams,
  body: Decision,
  response: AllocationView,
});

export const rejectAllocation = defineRoute({
  method: 'POST',
  path: '/v1/allocations/{allocationId}/reject',
  summary:
    'Reject an allocation (a branch manager of its subtree, neither the requester nor the receiving RM)',
  auth: 'jwt',
  roles: ['branch_manager'],
  params: AllocationParams,
  body: Decision,
  response: AllocationView,
});

export const getAllocation = defineRoute({
  method: 'GET',
  path: '/v1/allocations/{allocationId}',
  summary: 'One allocation in the caller’s subtree',
  auth: 'jwt',
  roles: MANAGERS,
  params: AllocationParams,
  response: AllocationView,
});

export const listAllocations = defineRoute({
  method: 'GET',
  path: '/v1/allocations',
  summary: 'Allocations in the caller’s subtree by status (default pending)',
  auth: 'jwt',
  roles: MANAGERS,
  query: PageQuery.extend({ status: z.enum(ALLOCATION_STATUSES).default('pending') }),
  response: pageOf(AllocationView),
});

/** One transfer in a customer's history (who moved them, from whom to whom, who approved, why). */
export const TransferView = z.object({
  customerId: z.string(),
  entryId: z.string(),
  at: z.string(),
  kind: z.literal('transfer'),
  allocationId: z.string(),
  fromManagerId: z.string(),
  toManagerId: z.string(),
  requestedBy: z.string(),
  approvedBy: z.string(),
  reason: z.string(),
});

export const customerAllocations = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}/allocations',
  summary: 'A customer’s transfers between RMs, newest first',
  auth: 'jwt',
  roles: RELATIONSHIP_READERS,
  params: CustomerParams,
  query: PageQuery,
  response: pageOf(TransferView),
});
