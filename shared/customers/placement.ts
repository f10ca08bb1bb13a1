// Where a customer may sit: an org unit in the caller's scope, owned by an active RM (or branch
// manager) whose unit contains the customer's unit. Shared by create, update and (later) allocation.
import { Conflict, Forbidden, ValidationFailed } from '#shared/errors.js';
import type { Caller } from '#shared/auth/caller.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { OrgUnit } from '#shared/org/org-unit.js';
import type { Staff } from '#shared/staff/staff.js';

export interface Placement {
  org: OrgUnit;
  manager: Staff;
}

export const resolvePlacement = async (
  deps: { orgs: OrgStore; staff: StaffStore },
  caller: Caller,
  orgId: string,
  managerId: string,
): Promise<Placement> => {
  const [org, manager] = await Promise.all([deps.orgs.get(orgId), deps.staff.get(managerId)]);
  const errors = [];
  if (!org || !org.path.startsWith(caller.orgPath)) {
    errors.push({ path: 'body.orgId', message: 'is not an org unit in your scope' });
  }
  if (!manager || !manager.active || (manager.role !== 'rm' && manager.role !== 'branch_manager')) {
    errors.push({ path: 'body.managerId', message: 'is not an active relationship manager' });
  }
  if (errors.length > 0 || !org || !manager) throw new ValidationFailed(errors);
  if (caller.role === 'rm' && manager.staffId !== caller.staffId) {
    throw new Forbidden('A relationship manager can only place customers in their own book.');
  }
  if (!org.path.startsWith(manager.orgPath)) {
    throw new Conflict(`${manager.staffId} works outside the customer's org unit ${org.orgId}.`, [
      { path: 'body.managerId', message: 'must work in the customer’s org unit or above it' },
    ]);
  }
  return { org, manager };
};
