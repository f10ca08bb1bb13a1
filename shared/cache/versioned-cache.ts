// Reference data (tier policy, trigger rules, products, staff) kept per container: a stream batch of
// a hundred records reads it once, not a hundred times. Kept for a short time (the TTL); after it a
// cheap read of the version decides whether to load again, so unchanged data is never re-read in
// full. A caller that has seen a newer version elsewhere (an item decided under it) asks for at
// least that one and gets it at once, TTL or not. Pure: the clock is given, the store is two calls.

/** Where the data lives: its current version (cheap), and the data with the version it is. */
export interface VersionedSource<T> {
  version(): Promise<number>;
  load(): Promise<{ version: number; value: T }>;
}

export interface VersionedCacheOptions {
  /** How long a version is served without asking the source; read at each get (an env var may move). */
  ttlMs: () => number;
  /** Milliseconds, from any clock that does not go back. */
  now: () => number;
  /**
   * A refresh failed while a version is held: report it and serve the one held (the data stays as
   * good as it was). Without it the failure goes to the caller, who retries. Never used for `atLeast`.
   */
  onStale?: (error: unknown) => void;
}

export interface VersionedCache<T> {
  /** The data, at least at version `atLeast` when given. */
  get(atLeast?: number): Promise<T>;
  /** The version held, if any. */
  version(): number | undefined;
}

export const versionedCache = <T>(
  source: VersionedSource<T>,
  options: VersionedCacheOptions,
): VersionedCache<T> => {
  let held: { version: number; value: T } | undefined;
  let checkedAt = -Infinity;
  let refreshing: Promise<void> | undefined;

  const hold = (loaded: { version: number; value: T }, reset = false) => {
    // two loads may cross: the newer data stays, unless the source went back (its data was reset)
    if (!held || reset || loaded.version >= held.version) held = loaded;
  };
  // after the TTL: ask for the version, load only when it moved; one such refresh at a time
  const refresh = async () => {
    const startedAt = options.now();
    if (!held) hold(await source.load());
    else {
      const version = await source.version();
      if (version !== held.version) hold(await source.load(), version < held.version);
    }
    checkedAt = startedAt;
  };
  const refreshOnce = () => {
    refreshing ??= refresh().finally(() => (refreshing = undefined));
    return refreshing;
  };

  return {
    version: () => held?.version,
    async get(atLeast) {
      if (atLeast !== undefined && held && held.version < atLeast) {
        // seen elsewhere, newer than what we hold: load now, whatever a refresh under way may bring
        const startedAt = options.now();
        hold(await source.load());
        checkedAt = startedAt;
      }
      if (!held || options.now() - checkedAt >= options.ttlMs()) {
        try {
          await refreshOnce();
        } catch (error) {
          if (!held || !options.onStale) throw error;
          options.onStale(error);
          checkedAt = options.now(); // the held version again for a TTL, not a failing read per record
        }
      }
      return held!.value;
    },
  };
};
