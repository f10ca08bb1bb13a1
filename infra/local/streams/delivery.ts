// How a Lambda event source mapping delivers one batch of stream records, as decisions without I/O:
// given what is left to deliver and what the last invocation came to, the next step — the records to
// invoke the function with, where to checkpoint, what to dead-letter, a retry (after a backoff) or a
// split in halves. The poller (poller.ts) carries the steps out; the rules are Lambda's:
// - a partial batch response checkpoints just before the lowest failed record and retries from it;
// - with `bisectOnError`, a failed batch (a function error, or the records from the lowest failed one
//   on) is split in halves, each delivered on its own; a split is not counted as a retry, so a poison
//   record ends up alone and is the only one dead-lettered;
// - `retryAttempts` retries (-1: no limit), then the failed records go to the dead-letter store and
//   the shard moves on; records older than `maxRecordAgeSeconds` (-1: no limit) go there before any
//   invocation.
import type { StreamTrigger } from '#infra/declaration/types.js';
import type { BatchOutcome, FailureReason } from '#shared/dead-letters/batch-outcome.js';
import type { FailureCondition } from './state-store.js';

export type DeliveryPolicy = Pick<StreamTrigger, 'bisectOnError' | 'retryAttempts' | 'maxRecordAgeSeconds'>;

/** A record as delivery sees it: its place in the shard and when it was written (ms since the epoch). */
export interface Deliverable {
  sequenceNumber: string;
  createdAt: number;
}

/** Records still to deliver together, and how many times they have been re-sent. */
export interface Piece<T> {
  records: readonly T[];
  retries: number;
}

export interface Delivery<T> {
  /** Every record the batch covers, in shard order, filtered-out ones too: what "just before" reads. */
  prefix: readonly T[];
  /** What is left to deliver, the first piece first. Empty: the batch is done. */
  pieces: readonly Piece<T>[];
}

export type DeliveryEffect<T> =
  | {
      kind: 'dead-letter';
      records: readonly T[];
      condition: FailureCondition;
      reason: FailureReason;
      attempts: number;
    }
  /** Move the shard's position to this record (never backwards: the poller ignores an earlier one). */
  | { kind: 'checkpoint'; sequenceNumber: string }
  | { kind: 'bisect'; halves: [readonly T[], readonly T[]] }
  /** Back off before re-sending: this is the records' `retry`th re-send. */
  | { kind: 'retry'; retry: number };

export interface DeliveryStep<T> {
  /** To carry out, in order, before anything else. */
  effects: DeliveryEffect<T>[];
  /** The records to invoke the function with, when there is an invocation to make. */
  invoke?: readonly T[];
  next: Delivery<T>;
}

/** A decision on the first piece of a delivery, given what is known now (the time, an outcome). */
type Decision<Input> = <T extends Deliverable>(
  delivery: Delivery<T>,
  input: Input,
  policy: DeliveryPolicy,
) => DeliveryStep<T>;

/** A batch to deliver: `batch` are the records of `prefix` that matched the mapping's filters. */
export const startDelivery = <T>(prefix: readonly T[], batch: readonly T[]): Delivery<T> => ({
  prefix,
  pieces: batch.length > 0 ? [{ records: batch, retries: 0 }] : [],
});

/** Checkpoints the record read just before `record`, so the shard resumes at `record`. */
const checkpointBefore = <T extends Deliverable>(prefix: readonly T[], record: T): DeliveryEffect<T>[] => {
  const index = prefix.indexOf(record);
  return index > 0 ? [{ kind: 'checkpoint', sequenceNumber: prefix[index - 1]!.sequenceNumber }] : [];
};

const checkpointAt = <T extends Deliverable>(record: T): DeliveryEffect<T> => ({
  kind: 'checkpoint',
  sequenceNumber: record.sequenceNumber,
});

/**
 * The first piece's next invocation at `now`: its records older than `maxRecordAgeSeconds` are
 * dead-lettered first; when none is left, the piece is done and there is no invocation.
 */
export const nextInvocation: Decision<number> = (delivery, now, policy) => {
  const [piece, ...rest] = delivery.pieces;
  if (!piece) return { effects: [], next: delivery };
  const maxAge = policy.maxRecordAgeSeconds;
  const expired = maxAge < 0 ? [] : piece.records.filter((r) => now - r.createdAt > maxAge * 1000);
  if (expired.length === 0) return { effects: [], invoke: piece.records, next: delivery };
  const fresh = piece.records.filter((record) => !expired.includes(record));
  const effects = [
    {
      kind: 'dead-letter' as const,
      records: expired,
      condition: 'RecordAgeExceeded' as const,
      reason: {
        kind: 'record-age' as const,
        message: `older than maxRecordAgeSeconds (${maxAge} s) before it could be processed`,
      },
      attempts: piece.retries,
    },
    ...(fresh[0] ? checkpointBefore(delivery.prefix, fresh[0]) : [checkpointAt(piece.records.at(-1)!)]),
  ];
  if (fresh.length === 0) return { effects, next: { prefix: delivery.prefix, pieces: rest } };
  return {
    effects,
    invoke: fresh,
    next: { prefix: delivery.prefix, pieces: [{ records: fresh, retries: piece.retries }, ...rest] },
  };
};

/** What the first piece's invocation came to decides what follows: done, split, dead-lettered or retried. */
export const afterInvocation: Decision<BatchOutcome> = <T extends Deliverable>(
  delivery: Delivery<T>,
  outcome: BatchOutcome,
  policy: DeliveryPolicy,
) => {
  const [piece, ...rest] = delivery.pieces;
  if (!piece) return { effects: [], next: delivery };
  const { prefix } = delivery;
  const then = (effects: DeliveryEffect<T>[], pieces: Piece<T>[]): DeliveryStep<T> => ({
    effects,
    next: { prefix, pieces: [...pieces, ...rest] },
  });
  const current = piece.records;
  if (outcome.kind === 'success') return then([checkpointAt(current.at(-1)!)], []);

  const effects: DeliveryEffect<T>[] = [];
  let failing = current;
  if (outcome.kind === 'partial') {
    const at = current.findIndex((record) => record.sequenceNumber === outcome.lowestFailed);
    if (at > 0) effects.push(...checkpointBefore(prefix, current[at]!));
    failing = current.slice(at);
  }
  if (policy.bisectOnError && failing.length > 1) {
    const half = Math.ceil(failing.length / 2);
    const halves: [readonly T[], readonly T[]] = [failing.slice(0, half), failing.slice(half)];
    effects.push({ kind: 'bisect', halves });
    return then(
      effects,
      halves.map((records) => ({ records, retries: piece.retries })),
    );
  }
  const unbounded = policy.retryAttempts < 0;
  if (!unbounded && piece.retries >= policy.retryAttempts) {
    effects.push(
      {
        kind: 'dead-letter',
        records: failing,
        condition: 'RetryAttemptsExhausted',
        reason: outcome.reason,
        attempts: piece.retries + 1,
      },
      checkpointAt(failing.at(-1)!),
    );
    return then(effects, []);
  }
  const retry = piece.retries + 1;
  effects.push({ kind: 'retry', retry });
  return then(effects, [{ records: failing, retries: retry }]);
};
