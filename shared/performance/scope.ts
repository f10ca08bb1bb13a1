// Who sees and who may reverse a ledger entry. Outside scope an entry is "not found", as everywhere.
import type { Caller } from '#shared/auth/caller.js';
import type { LedgerEntry } from './entry.js';

/**
 * An RM sees entries they registered, are credited in, or of their own customers; everyone else sees
 * entries whose customer or a credited staff member sits in their subtree (head office: all).
 */
export const canSeeEntry = (caller: Caller, entry: LedgerEntry): boolean => {
  if (entry.recordedBy === caller.staffId) return true;
  if (caller.role === 'rm') {
    return (
      entry.customerManagerId === caller.staffId || entry.credits.some((c) => c.staffId === caller.staffId)
    );
  }
  return (
    entry.customerOrgPath.startsWith(caller.orgPath) ||
    entry.credits.some((c) => c.orgPath.startsWith(caller.orgPath))
  );
};

/**
 * 冲正 needs authority: a channel system or an admin for any entry they see, a branch manager for
 * their subtree; an RM only for what they registered themselves (a workbench entry made in error).
 */
export const mayReverse = (caller: Caller, registration: LedgerEntry): boolean => {
  switch (caller.role) {
    case 'integration':
    case 'admin':
      return canSeeEntry(caller, registration);
    case 'branch_manager':
      return (
        registration.customerOrgPath.startsWith(caller.orgPath) || registration.recordedBy === caller.staffId
      );
    case 'rm':
      return registration.recordedBy === caller.staffId;
    default:
      return false;
  }
};
