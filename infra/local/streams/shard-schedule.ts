// Which of a shard's records the next batch takes when up to `parallelizationFactor` batches of one
// shard are in flight at once, and how far the shard's checkpoint may move — decisions without I/O.
// Lambda's rules for concurrent batches per shard: records of one item (its key) are processed in
// stream order, so a key is never in two batches in flight, and a record never jumps ahead of an
// earlier record of its key that is still waiting; the position only moves past a record once every
// earlier record of the shard is done (processed, dead-lettered or filtered out). With a factor of 1
// this is the one-batch-at-a-time order: each batch the next contiguous run of records.
import { needsMore, takeBatch, type Batchable } from './batching.js';
import { compareSequenceNumbers } from '#shared/dead-letters/sequence-numbers.js';

/** Read, not yet in a batch / in a batch in flight / processed, dead-lettered or filtered out. */
export type RecordState = 'waiting' | 'in-flight' | 'done';

/** A record read from the shard, as scheduling sees it. */
export interface Scheduled extends Batchable {
  /** The item's key (partition and sort key): what per-key order is kept for. */
  key: string;
  sequenceNumber: string;
  /** When it was read (ms since the epoch): a batching window opens then. */
  readAt: number;
  state: RecordState;
}

export interface ScheduleLimits {
  batchSize: number;
  /** Batches of the shard in flight at once, 1–10. */
  parallelizationFactor: number;
  /** `maxBatchingWindowSeconds` in ms. */
  windowMs: number;
}

export interface ShardMoment {
  /** Batches in flight now. */
  inFlight: number;
  /** The keys of every record of those batches, done or not: a key is in one batch in flight at most. */
  busyKeys: ReadonlySet<string>;
  /** The shard is closed and read to its end: no fuller batch is coming. */
  endReached: boolean;
  now: number;
}

export type NextBatch<T> =
  /** Start a batch with these records (in stream order). */
  | { kind: 'start'; records: T[] }
  /** A batch could start, but its batching window is open for this long yet. */
  | { kind: 'wait'; ms: number }
  /** No batch can start: nothing waits, the factor is reached, or every waiting key is in flight. */
  | { kind: 'none' };

/** A record the filters did not match is never delivered: it is done as soon as it is read. */
export const stateWhenRead = (matched: boolean): RecordState => (matched ? 'waiting' : 'done');

/**
 * The waiting records the next batch may take, in stream order: every waiting record whose key is
 * in no batch in flight (`busyKeys`) and has no earlier record held back.
 */
export const eligible = <T extends Scheduled>(records: readonly T[], busyKeys: ReadonlySet<string>): T[] => {
  const held = new Set(busyKeys);
  for (const record of records) if (record.state === 'in-flight') held.add(record.key);
  const out: T[] = [];
  for (const record of records) {
    if (record.state !== 'waiting') continue;
    if (held.has(record.key)) continue; // and so are its key's later records: order per key
    out.push(record);
  }
  return out;
};

/** The waiting records fall short of a full batch, so reading more is worthwhile. */
export const wantsMore = (records: readonly Scheduled[], batchSize: number): boolean =>
  needsMore(
    records.filter((r) => r.state === 'waiting'),
    batchSize,
  );

/**
 * The next batch of the shard: up to `batchSize` eligible records (within 6 MB) once the factor
 * leaves room, after the batching window unless the batch is full or the shard is read to its end.
 */
export const nextBatch = <T extends Scheduled>(
  records: readonly T[],
  limits: ScheduleLimits,
  moment: ShardMoment,
): NextBatch<T> => {
  if (moment.inFlight >= Math.max(1, limits.parallelizationFactor)) return { kind: 'none' };
  const candidates = eligible(records, moment.busyKeys);
  if (candidates.length === 0) return { kind: 'none' };
  const full = !needsMore(candidates, limits.batchSize) || moment.endReached;
  if (!full && limits.windowMs > 0) {
    const left = candidates[0]!.readAt + limits.windowMs - moment.now;
    if (left > 0) return { kind: 'wait', ms: left };
  }
  return { kind: 'start', records: takeBatch(candidates, limits.batchSize) };
};

/**
 * How many of the shard's records (from the first) are done, and the last of them: the shard's
 * checkpoint may move to it, and those records are no longer needed.
 */
export const donePrefix = <T extends Scheduled>(
  records: readonly T[],
): { count: number; sequenceNumber?: string } => {
  let count = 0;
  while (count < records.length && records[count]!.state === 'done') count++;
  return { count, sequenceNumber: count > 0 ? records[count - 1]!.sequenceNumber : undefined };
};

/**
 * A batch's delivery checkpointed at `sequenceNumber` (delivery.ts, within the batch): its records up
 * to that one are done.
 */
export const doneThrough = <T extends Pick<Scheduled, 'sequenceNumber'>>(
  batch: readonly T[],
  sequenceNumber: string,
): T[] => batch.filter((record) => compareSequenceNumbers(record.sequenceNumber, sequenceNumber) <= 0);
