// A customer (客户) of the bank, owned (管户) by one relationship manager in one org unit.
import * as z from 'zod';
import { OrgId } from '#shared/org/org-unit.js';
import { StaffId } from '#shared/staff/staff.js';

export const TIERS = ['standard', 'gold', 'platinum', 'diamond', 'private_banking'] as const;
export type Tier = (typeof TIERS)[number];
export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;

export const CustomerId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or -, at most 40');

export const CustomerRecord = z.object({
  customerId: CustomerId,
  name: z.string().min(1),
  phone: z.string().optional(),
  idNumber: z.string().optional(),
  orgId: OrgId,
  orgPath: z.string(),
  branchId: OrgId,
  /** orgPath + customerId: the byBranch index's sort key, so a subtree is one begins_with query. */
  scopeKey: z.string(),
  managerId: StaffId,
  tier: z.enum(TIERS),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  smsConsent: z.boolean(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof CustomerRecord>;
