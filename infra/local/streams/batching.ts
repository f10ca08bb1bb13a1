// Which of a shard's pending records the next batch takes, as an event source mapping batches them:
// up to `batchSize` records that match the mapping's filters, within Lambda's 6 MB payload limit.
// Records that match no filter ride along (they are checkpointed past, never delivered).

/** Lambda's synchronous invocation payload limit. */
export const MAX_BATCH_BYTES = 6 * 1024 * 1024;

export interface Batchable {
  /** The record matched the mapping's filters (or it has none). */
  matched: boolean;
  /** Its size in the invocation payload. */
  bytes: number;
}

/** Whether the pending records fall short of a full batch, so reading more is worthwhile. */
export const needsMore = (pending: readonly Batchable[], batchSize: number): boolean => {
  let matched = 0;
  let bytes = 0;
  for (const entry of pending) {
    if (!entry.matched) continue;
    matched++;
    bytes += entry.bytes;
  }
  return matched < batchSize && bytes < MAX_BATCH_BYTES;
};

/**
 * The pending records the next batch covers: up to `batchSize` matching records (within 6 MB) and
 * the filtered-out records among them; trailing filtered records too when every match is taken.
 */
export const takeBatch = <T extends Batchable>(pending: readonly T[], batchSize: number): T[] => {
  let matched = 0;
  let bytes = 0;
  let end = 0;
  for (let i = 0; i < pending.length; i++) {
    const entry = pending[i]!;
    if (entry.matched) {
      if (matched === batchSize || (matched > 0 && bytes + entry.bytes > MAX_BATCH_BYTES)) break;
      matched++;
      bytes += entry.bytes;
    }
    end = i + 1;
  }
  return pending.slice(0, end);
};
