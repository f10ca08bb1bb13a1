// Reading and versioning the tier policy. A PUT never edits a version: it adds the next one, in force
// from its effectiveFrom, with an audit entry in the same write.
import { auditEntry } from '#shared/audit/audit.js';
import { Conflict } from '#shared/errors.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import {
  DEFAULT_TIER_POLICY,
  policyInForce,
  policyVersion,
  type TierPolicy,
  type TierPolicyInput,
} from './policy.js';
import type { PolicyStore } from './policy-store.js';

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

export const putTierPolicy = async (
  store: PolicyStore,
  ctx: RequestContext,
  input: TierPolicyInput,
): Promise<TierPolicy> => {
  const versions = await store.list();
  const version = versions.reduce((max, p) => Math.max(max, p.version), 0) + 1;
  const audit = auditContext(ctx);
  const policy = policyVersion(input, version, audit.at, ctx.caller.staffId);
  const entry = auditEntry(audit, `tier-policy#${version}`, 'tier-policy.put', { detail: { ...policy } });
  if (!(await store.add(policy, entry))) {
    throw new Conflict(
      `Tier policy version ${version} was stored by someone else meanwhile; read it and retry.`,
    );
  }
  return policy;
};
