// The names a campaign SMS greets with (the relationship manager's, the branch's), each read once
// per dispatch run: a run sends thousands of messages for a few hundred managers and branches.
import type { DispatchDeps } from './dispatch-context.js';

export interface NameLookup {
  /** The manager's name, '' when unknown. */
  manager(staffId: string): Promise<string>;
  /** The organisation's name, '' when unknown. */
  org(orgId: string): Promise<string>;
}

const cached = async (cache: Map<string, string>, key: string, load: () => Promise<string>) => {
  if (!cache.has(key)) cache.set(key, await load());
  return cache.get(key)!;
};

export const nameLookup = (deps: Pick<DispatchDeps, 'staff' | 'orgs'>): NameLookup => {
  const managers = new Map<string, string>();
  const orgs = new Map<string, string>();
  return {
    manager: (staffId) => cached(managers, staffId, async () => (await deps.staff.get(staffId))?.name ?? ''),
    org: (orgId) => cached(orgs, orgId, async () => (await deps.orgs.get(orgId))?.name ?? ''),
  };
};
