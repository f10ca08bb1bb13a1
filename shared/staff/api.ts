// HTTP contracts for staff (员工).
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { STAFF } from '#shared/auth/roles.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { ROLES } from '#shared/auth/caller.js';
import { OrgId } from '#shared/org/org-unit.js';
import { StaffId } from './staff.js';

export const StaffView = z.object({
  staffId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  orgId: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PutStaff = z.strictObject({
  name: z.string().trim().min(1).max(64),
  role: z.enum(ROLES),
  orgId: OrgId,
  active: z.boolean().default(true),
});
export type PutStaff = z.infer<typeof PutStaff>;

const StaffParams = z.object({ staffId: StaffId });

export const putStaff = defineRoute({
  method: 'PUT',
  path: '/v1/staff/{staffId}',
  summary: 'Create or change a staff member',
  auth: 'jwt',
  roles: ['admin'],
  params: StaffParams,
  body: PutStaff,
  response: StaffView,
});

export const getStaff = defineRoute({
  method: 'GET',
  path: '/v1/staff/{staffId}',
  summary: 'A staff member in the caller’s scope',
  auth: 'jwt',
  roles: STAFF,
  params: StaffParams,
  response: StaffView,
});

export const listStaff = defineRoute({
  method: 'GET',
  path: '/v1/staff',
  summary: 'Staff of an org unit’s subtree (default: the caller’s unit)',
  auth: 'jwt',
  roles: STAFF,
  query: PageQuery.extend({ orgId: OrgId.optional() }),
  response: pageOf(StaffView),
});
