// Ledger stream → aggregates: an entry's updates, in chunks that each fit one TransactWriteItems with
// their claim marker. A redelivered entry finds its chunks claimed and changes nothing; entries in
// any order add up to the same sums, because every update is an ADD.
import { aggregateUpdatesOf, chunksOf, shardOf } from './aggregate.js';
import type { AggregateStore } from './ports.js';
import type { LedgerEntry } from './entry.js';

export const applyEntry = async (
  store: AggregateStore,
  entry: LedgerEntry,
  shards: number,
): Promise<{ chunks: number; applied: number }> => {
  const chunks = chunksOf(aggregateUpdatesOf(entry));
  const shard = shardOf(entry.entryId, shards);
  let applied = 0;
  for (const [chunk, updates] of chunks.entries()) {
    const outcome = await store.apply({
      entryId: entry.entryId,
      chunk,
      chunks: chunks.length,
      updates,
      shard,
    });
    if (outcome === 'applied') applied += 1;
  }
  return { chunks: chunks.length, applied };
};
