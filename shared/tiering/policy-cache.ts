// A decorator over the PolicyStore port: the versions kept a short while per container, on the one
// reference-data cache (shared/cache/versioned-cache.ts).
import { versionedCache } from '#shared/cache/versioned-cache.js';
import type { TierPolicy } from './policy.js';
import type { PolicyStore, PolicyVersionReader } from './ports.js';

const newestOf = (policies: readonly TierPolicy[]) => policies.reduce((n, p) => Math.max(n, p.version), 0);

/**
 * The versions, held per container for `OCRM_TIER_POLICY_CACHE_SECONDS` (default 30): a stream batch
 * of a hundred transactions reads them once. After that a one-item read of the newest version number
 * decides whether to list them again, so a new version reaches every evaluator within that time and
 * an unchanged policy costs one small read. Policies normally take effect from a later date anyway.
 */
export const cachedPolicyStore = (
  store: PolicyStore & PolicyVersionReader,
  now: () => number = Date.now,
): PolicyStore => {
  const cache = versionedCache(
    {
      version: () => store.latestVersion(),
      load: async () => {
        const policies = await store.list();
        return { version: newestOf(policies), value: policies };
      },
    },
    { ttlMs: () => Number(process.env.OCRM_TIER_POLICY_CACHE_SECONDS ?? 30) * 1000, now },
  );
  return { list: () => cache.get() };
};
