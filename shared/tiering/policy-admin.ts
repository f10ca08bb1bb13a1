// Reading and changing the tier policy. A change is maker-checker (shared/maker-checker): a PUT
// proposes it, another admin approves it, and only then is it stored as the next version, in force
// from its effectiveFrom, never editing one; each step with its audit entry in the same write.
import { auditEntry } from '#shared/audit/audit.js';
import { Conflict } from '#shared/errors.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { changeToDecide, decided, rejectChange, settle, staleChange } from '#shared/maker-checker/change.js';
import { DEFAULT_TIER_POLICY, policyInForce, policyVersion, type TierPolicy } from './policy.js';
import { TierPolicyInput } from './policy-input.js';
import type { PolicyChanges, PolicyStore } from './ports.js';
import type { Change, ChangeStatus } from '#shared/maker-checker/ports.js';

const WHAT = 'Tier policy';
const SUBJECT = 'tier-policy';

const latestVersion = (versions: readonly TierPolicy[]): number =>
  versions.reduce((max, p) => Math.max(max, p.version), 0);

export const readTierPolicy = async (store: PolicyStore, on: string) => {
  const versions = await store.list();
  const summaries = [DEFAULT_TIER_POLICY, ...versions]
    .sort((a, b) => b.version - a.version)
    .map(({ version, effectiveFrom, createdAt, createdBy, note }) => ({
      version,
      effectiveFrom,
      createdAt,
      createdBy,
      ...(note ? { note } : {}),
    }));
  return { ...policyInForce(versions, on), versions: summaries };
};

/** A PUT: the policy proposed as a change on the latest version; nothing in force moves yet. */
export const proposeTierPolicy = async (
  store: PolicyStore,
  changes: PolicyChanges,
  ctx: RequestContext,
  input: TierPolicyInput,
): Promise<Change> => {
  const baseVersion = latestVersion(await store.list());
  const audit = auditContext(ctx);
  return changes.propose(
    {
      subject: SUBJECT,
      baseVersion,
      proposal: input,
      status: 'pending',
      proposedBy: ctx.caller.staffId,
      proposedAt: audit.at,
    },
    (changeId) =>
      auditEntry(audit, `tier-policy-change#${changeId}`, 'tier-policy.propose', {
        detail: { baseVersion, proposal: input },
      }),
  );
};

/** Another admin's approval: the proposal becomes the next version, if its base is still the latest. */
export const approveTierPolicy = async (
  store: PolicyStore,
  changes: PolicyChanges,
  ctx: RequestContext,
  changeId: number,
): Promise<TierPolicy> => {
  const change = await changeToDecide(changes, ctx, WHAT, changeId);
  const latest = latestVersion(await store.list());
  if (latest !== change.baseVersion) throw staleChange(WHAT, change, latest);
  const input = TierPolicyInput.safeParse(change.proposal);
  if (!input.success) {
    throw new Conflict(
      `${WHAT} change ${changeId} is no longer a valid policy; reject it and propose anew.`,
      input.error.issues.map((i) => ({ path: ['proposal', ...i.path].join('.'), message: i.message })),
    );
  }
  const version = latest + 1;
  const audit = auditContext(ctx);
  const policy = policyVersion(input.data, version, audit.at, change.proposedBy);
  const approved = decided(change, ctx, { status: 'approved', appliedVersion: version });
  const entry = auditEntry(audit, `tier-policy#${version}`, 'tier-policy.approve', {
    detail: { ...policy, changeId, proposedBy: change.proposedBy },
  });
  settle(WHAT, change, await changes.approve(policy, approved, entry));
  return policy;
};

export const rejectTierPolicy = (
  changes: PolicyChanges,
  ctx: RequestContext,
  changeId: number,
  reason: string,
): Promise<Change> =>
  rejectChange(changes, ctx, WHAT, changeId, reason, (rejected) =>
    auditEntry(auditContext(ctx), `tier-policy-change#${changeId}`, 'tier-policy.reject', {
      detail: { reason, proposedBy: rejected.proposedBy, baseVersion: rejected.baseVersion },
    }),
  );

export const listTierPolicyChanges = async (changes: PolicyChanges, status: ChangeStatus) => ({
  items: await changes.list(status),
});
