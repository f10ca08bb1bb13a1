// Which org unit a report is about: the one asked for, inside the caller's subtree, else the caller's own.
import { NotFound } from '#shared/errors.js';
import type { Caller } from '#shared/auth/caller.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { OrgUnit } from '#shared/org/org-unit.js';

export const reportOrg = async (
  orgs: OrgStore,
  caller: Caller,
  orgId: string | undefined,
): Promise<OrgUnit> => {
  const org = await orgs.get(orgId ?? caller.orgId);
  if (!org || !org.path.startsWith(caller.orgPath)) throw new NotFound(`Org unit ${orgId ?? caller.orgId}`);
  return org;
};

/** The org units on a path at or below `scopePath`: where a figure at `path` rolls up to. */
export const rollupOrgIds = (path: string, scopePath: string): string[] => {
  const scopeDepth = scopePath.split('/').filter(Boolean).length;
  return path
    .split('/')
    .filter(Boolean)
    .slice(Math.max(0, scopeDepth - 1));
};

/** Management reports: managers, marketing, admin, and internal audit (read-only). */
export const REPORT_READERS = ['branch_manager', 'marketing', 'admin', 'auditor'] as const;
