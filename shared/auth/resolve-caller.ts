// Resolves the token's subject to the staff record: role and org come from here, not from the token.
// Each resolved caller is also a use of the system (usage: days of use and logins, see usage/session.ts).
// The stores are handed in (wired in deps.ts).
import { usageRecorder } from '#shared/usage/recorder.js';
import type { UsageStore } from '#shared/usage/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import { ROLES, type Caller, type Role } from './caller.js';

/** `claims`: the verified token's claims, for usage counting (a login is one sign-in). */
export type CallerResolver = (
  subject: string,
  claims?: Record<string, unknown>,
) => Promise<Caller | undefined>;

export interface CallerResolverDeps {
  staff: Pick<StaffStore, 'get'>;
  /** Asked for on each mark, so a function not granted the `usage` table still resolves callers. */
  usage: () => UsageStore;
  now: () => Date;
}

export const callerResolver = ({ staff, usage, now }: CallerResolverDeps): CallerResolver => {
  const recordUsage = usageRecorder(usage, now);
  return async (subject, claims) => {
    const record = await staff.get(subject);
    if (!record || record.active === false || !ROLES.includes(record.role as Role)) return undefined;
    const caller: Caller = {
      staffId: String(record.staffId),
      name: String(record.name),
      role: record.role as Role,
      orgId: String(record.orgId),
      orgPath: String(record.orgPath),
    };
    if (claims) await recordUsage(caller, claims);
    return caller;
  };
};
