// Escalation (升级督办): an alert not acknowledged within its SLA goes to the branch manager of the
// customer's org unit, or of the nearest unit above it that has one. Pure.
import type { Staff } from '#shared/staff/staff.js';
import type { Alert } from './alert.js';

/** The org units of a path from the deepest up to the head office: `/HO/BJ/BJ-CY/` → BJ-CY, BJ, HO. */
export const orgChainUp = (orgPath: string): string[] => orgPath.split('/').filter(Boolean).reverse();

/** The branch manager to escalate to among a unit's staff: active, not the alert's own owner, first by id. */
export const branchManagerAmong = (staff: readonly Staff[], notThis: string): Staff | undefined =>
  staff
    .filter((s) => s.role === 'branch_manager' && s.active && s.staffId !== notThis)
    .sort((a, b) => (a.staffId < b.staffId ? -1 : 1))[0];

/** Due for escalation at `asOf`: still open, escalating, not escalated, past its due time. */
export const isOverdue = (alert: Alert, asOf: string): boolean =>
  alert.status === 'open' && alert.escalate && !alert.escalatedAt && alert.dueAt <= asOf;

export const escalated = (alert: Alert, to: string | undefined, at: string): Alert => ({
  ...alert,
  escalatedAt: at,
  ...(to ? { escalatedTo: to } : {}),
  version: alert.version + 1,
});
