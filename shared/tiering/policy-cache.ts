// A decorator over the PolicyStore port: the versions kept for a short while per container.
import type { TierPolicy } from './policy.js';
import type { PolicyStore } from './ports.js';

/**
 * The versions, re-read at most every `OCRM_TIER_POLICY_CACHE_SECONDS` (default 30) per container:
 * a stream batch of a hundred transactions reads them once. A new version reaches every evaluator
 * within that time; policies normally take effect from a later date anyway.
 */
export const cachedPolicyStore = (store: PolicyStore, now: () => number = Date.now): PolicyStore => {
  let cached: { at: number; policies: Promise<TierPolicy[]> } | undefined;
  return {
    list() {
      const ttlMs = Number(process.env.OCRM_TIER_POLICY_CACHE_SECONDS ?? 30) * 1000;
      if (!cached || now() - cached.at >= ttlMs) {
        const policies = store.list();
        cached = { at: now(), policies };
        policies.catch(() => (cached = undefined));
      }
      return cached.policies;
    },
  };
};
