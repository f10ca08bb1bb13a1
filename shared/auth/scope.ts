// Access is scoped by the org tree: an RM sees their own customers, a branch manager the subtree
// of their org unit, head-office roles everything below their unit. Denied reads look like not-found.
import type { Caller } from './caller.js';

export interface ScopedRecord {
  orgPath: string;
  managerId?: string;
}

/** May the caller see a customer-like record (one with an owner and an org path)? */
export const canSeeCustomer = (caller: Caller, record: ScopedRecord): boolean =>
  caller.role === 'rm' ? record.managerId === caller.staffId : record.orgPath.startsWith(caller.orgPath);

/** May the caller see an org unit or staff member at this org path? RMs see their own unit only. */
export const canSeeOrgPath = (caller: Caller, orgPath: string): boolean =>
  caller.role === 'rm' ? orgPath === caller.orgPath : orgPath.startsWith(caller.orgPath);

/** The head office is the root of the org tree: a path of one unit, `/HO/`. */
export const atHeadOffice = (caller: Pick<Caller, 'orgPath'>): boolean =>
  caller.orgPath.split('/').filter(Boolean).length === 1;
