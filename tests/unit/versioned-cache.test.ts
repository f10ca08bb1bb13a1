// Reference data per container: served from memory within the TTL, re-checked by version after it,
// never older than a version a caller has seen, never older than the source was a TTL ago.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { versionedCache } from '#shared/cache/versioned-cache.js';

/** A source whose version moves when told, counting what is asked of it. */
const sourceOf = () => {
  const s = {
    version: 1,
    versionReads: 0,
    loads: 0,
    failing: false,
    source: {
      version: async () => {
        if (s.failing) throw new Error('throttled');
        s.versionReads++;
        return s.version;
      },
      load: async () => {
        if (s.failing) throw new Error('throttled');
        s.loads++;
        return { version: s.version, value: `policy v${s.version}` };
      },
    },
  };
  return s;
};
const versionOf = (value: string) => Number(value.slice('policy v'.length));

const Step = fc.oneof(
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant('publish' as const) }),
  fc.record({ kind: fc.constant('get' as const) }),
  // a caller that read an item decided under the newest version
  fc.record({ kind: fc.constant('get-seen' as const) }),
);

describe('versionedCache', () => {
  it('serves versions in order, at least what was seen, at most a TTL old, and reads no more than it must', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(Step, { maxLength: 60 }),
        fc.integer({ min: 0, max: 100 }),
        async (steps, ttl) => {
          const s = sourceOf();
          let now = 0;
          const cache = versionedCache(s.source, { ttlMs: () => ttl, now: () => now });
          const published: { at: number; version: number }[] = [{ at: -Infinity, version: 1 }];
          let served = 0;
          let lastAsked = -Infinity;
          for (const step of steps) {
            if (step.kind === 'wait') now += step.ms;
            if (step.kind === 'publish') published.push({ at: now, version: ++s.version });
            if (step.kind !== 'get' && step.kind !== 'get-seen') continue;
            const asked = s.versionReads + s.loads;
            const version = versionOf(await cache.get(step.kind === 'get-seen' ? s.version : undefined));
            // never back
            expect(version).toBeGreaterThanOrEqual(served);
            served = version;
            // at least the version the caller saw
            if (step.kind === 'get-seen') expect(version).toBe(s.version);
            // at most a TTL old: whatever was published before now − TTL is served
            const due = published.filter((p) => p.at < now - ttl || (ttl === 0 && p.at <= now)).at(-1)!;
            expect(version).toBeGreaterThanOrEqual(due.version);
            // within the TTL of the last check, a plain read asks the source nothing
            if (s.versionReads + s.loads > asked) {
              if (step.kind === 'get') expect(now - lastAsked).toBeGreaterThanOrEqual(ttl);
              lastAsked = now;
            }
          }
          // a full load only for a version not held before: the first, and each published one at most
          expect(s.loads).toBeLessThanOrEqual(published.length);
        },
      ),
    );
  });

  it('callers at once share one load', async () => {
    const s = sourceOf();
    const cache = versionedCache(s.source, { ttlMs: () => 30_000, now: () => 0 });
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get()));
    expect(new Set(values)).toEqual(new Set(['policy v1']));
    expect(s.loads).toBe(1);
  });

  it('a failed refresh: the caller retries, or the held version is served when told to keep it', async () => {
    const s = sourceOf();
    let now = 0;
    const stale: unknown[] = [];
    const keeping = versionedCache(s.source, {
      ttlMs: () => 10,
      now: () => now,
      onStale: (e) => stale.push(e),
    });
    const strict = versionedCache(s.source, { ttlMs: () => 10, now: () => now });
    s.failing = true;
    await expect(keeping.get()).rejects.toThrow('throttled'); // nothing held yet
    s.failing = false;
    expect(await keeping.get()).toBe('policy v1');
    expect(await strict.get()).toBe('policy v1');
    now = 20;
    s.failing = true;
    expect(await keeping.get()).toBe('policy v1');
    expect(stale).toHaveLength(1);
    await expect(strict.get()).rejects.toThrow('throttled');
    // a version seen elsewhere is never answered with an older one
    s.version = 2;
    await expect(keeping.get(2)).rejects.toThrow('throttled');
  });

  it('a source that went back (its data reset) is followed, after the TTL', async () => {
    const s = sourceOf();
    s.version = 5;
    let now = 0;
    const cache = versionedCache(s.source, { ttlMs: () => 10, now: () => now });
    expect(await cache.get()).toBe('policy v5');
    s.version = 1;
    expect(await cache.get()).toBe('policy v5');
    now = 10;
    expect(await cache.get()).toBe('policy v1');
  });
});
