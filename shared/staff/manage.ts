// Read and change staff records. Role and org live here (not in tokens), so a change here is what
// the next request of that person is judged by.
import { Conflict, NotFound, ValidationFailed } from '#shared/errors.js';
import { canSeeOrgPath } from '#shared/auth/scope.js';
import { auditEntry, changesBetween } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { PageKey } from '#shared/http/pagination.js';
import type { OrgStore } from '#shared/org/ports.js';
import { getVisibleOrg } from '#shared/org/manage.js';
import type { Staff } from './staff.js';
import type { StaffStore } from './ports.js';
import type { PutStaff } from './api.js';

export const staffView = ({ orgPath: _orgPath, ...rest }: Staff) => rest;

export const getVisibleStaff = async (
  staff: StaffStore,
  ctx: Pick<RequestContext, 'caller'>,
  staffId: string,
) => {
  const member = await staff.get(staffId);
  if (!member || !(member.staffId === ctx.caller.staffId || canSeeOrgPath(ctx.caller, member.orgPath))) {
    throw new NotFound(`Staff member ${staffId}`);
  }
  return member;
};

export const listStaff = async (
  deps: { staff: StaffStore; orgs: OrgStore },
  ctx: Pick<RequestContext, 'caller'>,
  query: { orgId?: string; limit: number; cursor?: PageKey },
) => {
  const org = await getVisibleOrg(deps.orgs, ctx, query.orgId ?? ctx.caller.orgId);
  const page = await deps.staff.listInSubtree(org.path, query.limit, query.cursor);
  return { ...page, items: page.items.map(staffView) };
};

export const putStaff = async (
  deps: { staff: StaffStore; orgs: OrgStore },
  ctx: RequestContext,
  staffId: string,
  input: PutStaff,
): Promise<{ created: boolean; staff: Staff }> => {
  const [existing, org] = await Promise.all([deps.staff.get(staffId), deps.orgs.get(input.orgId)]);
  if (!org || !org.path.startsWith(ctx.caller.orgPath)) {
    throw new ValidationFailed([{ path: 'body.orgId', message: 'is not an org unit in your scope' }]);
  }
  if (existing && !existing.orgPath.startsWith(ctx.caller.orgPath))
    throw new NotFound(`Staff member ${staffId}`);
  if (staffId === ctx.caller.staffId && (input.role !== 'admin' || !input.active)) {
    throw new Conflict('You cannot remove your own administrator access; ask another administrator.');
  }
  const now = ctx.clock.now().toISOString();
  const staff: Staff = {
    staffId,
    name: input.name,
    role: input.role,
    orgId: org.orgId,
    orgPath: org.path,
    active: input.active,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const changes = changesBetween(existing, staff);
  if (existing && changes && Object.keys(changes).length === 0) return { created: false, staff: existing };
  const audit = auditEntry(
    auditContext(ctx),
    `staff#${staffId}`,
    existing ? 'staff.update' : 'staff.create',
    {
      changes,
    },
  );
  if (!(await deps.staff.put(staff, audit, existing?.updatedAt))) {
    throw new Conflict(`Staff member ${staffId} was changed meanwhile; retry.`);
  }
  return { created: !existing, staff };
};
