// Where an audience is read from (目标客户群的来源): the narrowest index its conditions allow, and
// the org units it names resolved inside the campaign's scope.
import type { OrgStore } from '#shared/org/ports.js';
import type { FieldError } from '#shared/errors.js';
import type { Audience } from './campaign.js';

/** The index reads an audience needs: one per listed id, RM, org subtree, or the scope's open alerts. */
export type AudienceSource =
  | { kind: 'customers'; customerIds: string[] }
  | { kind: 'managers'; managerIds: string[] }
  | { kind: 'open_alerts'; orgPaths: string[] }
  | { kind: 'subtrees'; orgPaths: string[] };

/** Org ids of the audience → their paths, each inside the campaign's scope; errors name the path. */
export const resolveOrgPaths = async (
  orgs: OrgStore,
  audience: Audience,
  scopeOrgPath: string,
): Promise<{ paths: string[]; errors: FieldError[] }> => {
  const errors: FieldError[] = [];
  const paths: string[] = [];
  for (const [i, orgId] of (audience.orgIds ?? []).entries()) {
    const org = await orgs.get(orgId);
    if (!org || !org.path.startsWith(scopeOrgPath)) {
      errors.push({
        path: `body.audience.orgIds.${i}`,
        message: 'is not an org unit inside the campaign’s scope',
      });
    } else paths.push(org.path);
  }
  return { paths, errors };
};

export const sourceOf = (audience: Audience, scopeOrgPath: string, orgPaths: string[]): AudienceSource => {
  if (audience.customerIds) return { kind: 'customers', customerIds: audience.customerIds };
  if (audience.managerIds) return { kind: 'managers', managerIds: audience.managerIds };
  const paths = orgPaths.length ? orgPaths : [scopeOrgPath];
  if (audience.hasOpenAlert === true) return { kind: 'open_alerts', orgPaths: paths };
  return { kind: 'subtrees', orgPaths: paths };
};
