// Settings of the performance capability, from the function's environment (set by the declaration).
//
// OCRM_PERFORMANCE_ORG_SHARDS: how many write shards each org unit's counters are spread over. Every
// registration in the bank adds to the head office's day, month, quarter and year; a single item
// takes ~1000 write units a second, and a transactional write costs two, so one item tops out at
// ~500 registrations a second. With N shards each registration adds to one shard (by its entry id)
// and a read sums the N. Only ever raise it: reads sum shards 0..N−1, so lowering it would hide the
// counts already in the shards above.
export const ORG_SHARDS_ENV = 'OCRM_PERFORMANCE_ORG_SHARDS';
export const DEFAULT_ORG_SHARDS = 8;
export const MAX_ORG_SHARDS = 64;

export const orgShards = (env: NodeJS.ProcessEnv = process.env): number => {
  const value = Number(env[ORG_SHARDS_ENV]);
  return Number.isInteger(value) && value >= 1 && value <= MAX_ORG_SHARDS ? value : DEFAULT_ORG_SHARDS;
};
