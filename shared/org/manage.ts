// Read and change the org tree. A unit's parent and level are fixed once made, so every path
// copied onto staff and customers stays true.
import { Conflict, NotFound, ValidationFailed } from '#shared/errors.js';
import { canSeeOrgPath } from '#shared/auth/scope.js';
import { auditEntry, changesBetween } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { branchOfPath, childPath, levelFitsUnder, type OrgUnit } from './org-unit.js';
import type { OrgStore } from './ports.js';
import type { PutOrg } from './api.js';

export const getVisibleOrg = async (orgs: OrgStore, ctx: Pick<RequestContext, 'caller'>, orgId: string) => {
  const org = await orgs.get(orgId);
  if (!org || !canSeeOrgPath(ctx.caller, org.path)) throw new NotFound(`Org unit ${orgId}`);
  return org;
};

export const orgChildren = async (orgs: OrgStore, ctx: Pick<RequestContext, 'caller'>, orgId: string) => {
  await getVisibleOrg(orgs, ctx, orgId);
  const children = await orgs.children(orgId);
  return children
    .filter((c) => canSeeOrgPath(ctx.caller, c.path))
    .sort((a, b) => a.orgId.localeCompare(b.orgId));
};

export const putOrg = async (
  orgs: OrgStore,
  ctx: RequestContext,
  orgId: string,
  input: PutOrg,
): Promise<{ created: boolean; org: OrgUnit }> => {
  const [existing, parent] = await Promise.all([orgs.get(orgId), orgs.get(input.parentId)]);
  if (!parent || !parent.path.startsWith(ctx.caller.orgPath)) {
    throw new ValidationFailed([{ path: 'body.parentId', message: 'is not an org unit in your scope' }]);
  }
  if (!levelFitsUnder(input.level, parent.level)) {
    throw new ValidationFailed([{ path: 'body.level', message: `cannot sit under a ${parent.level}` }]);
  }
  if (existing && (existing.parentId !== input.parentId || existing.level !== input.level)) {
    throw new Conflict(`Org unit ${orgId} exists with another parent or level; those never change.`, [
      { path: 'body.parentId', message: `is ${existing.parentId ?? 'none'} for this unit` },
    ]);
  }
  const now = ctx.clock.now().toISOString();
  const path = childPath(parent, orgId);
  const org: OrgUnit = {
    orgId,
    name: input.name,
    level: input.level,
    parentId: input.parentId,
    path,
    branchId: branchOfPath(path),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (existing && existing.name === org.name) return { created: false, org: existing };
  const audit = auditEntry(auditContext(ctx), `org#${orgId}`, existing ? 'org.update' : 'org.create', {
    changes: changesBetween(existing, org),
  });
  if (!(await orgs.put(org, audit, existing?.updatedAt))) {
    throw new Conflict(`Org unit ${orgId} was changed meanwhile; retry.`);
  }
  return { created: !existing, org };
};
