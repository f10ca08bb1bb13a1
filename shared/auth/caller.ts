// Who is calling: taken from the staff record of the token's `sub`, never from the token's claims,
// so a role change or deactivation takes effect on the next request.

// `integration`: an upstream system (core banking, a channel) posting feeds under its own login.
// `auditor`: head-office internal audit (内审), read-only: the audit trail, the org tree, reports.
export const ROLES = ['rm', 'branch_manager', 'marketing', 'admin', 'integration', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  staffId: string;
  name: string;
  role: Role;
  orgId: string;
  /** Materialised path of the caller's org unit: `/HO/BJ/BJ-CY/`. Scope is everything below it. */
  orgPath: string;
}
