// Staff (员工): relationship managers (客户经理), branch managers (行长/网点负责人), marketing, admins.
import * as z from 'zod';
import { ROLES } from '#shared/auth/caller.js';
import { OrgId } from '#shared/org/org-unit.js';

export const StaffId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or -, at most 40');

export const StaffRecord = z.object({
  staffId: StaffId,
  name: z.string().min(1),
  role: z.enum(ROLES),
  orgId: OrgId,
  /** Copied from the org unit at write time (org paths never change: a unit's parent is fixed). */
  orgPath: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Staff = z.infer<typeof StaffRecord>;
