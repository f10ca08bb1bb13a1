// How a batch of stream records is split for concurrency: records of one key (one customer, one
// item) stay in stream order, one after another; records of different keys may run side by side.
// A record that fails holds back every later record of its key in the batch — applying them would
// put that key's effects out of order — and all of them are reported failed, to be retried together.
// Pure: positions in, positions out; the running is `run-by-key.ts`, the records `order-keys.ts`.

/** The groups of a batch: each a list of record positions in stream order, and how many may run at once. */
export interface BatchPlan {
  groups: number[][];
  concurrency: number;
}

/**
 * Groups the records of a batch by key, in order of each key's first record. A record without a key
 * (a hand-made event, not one DynamoDB Streams sends) cannot be shown independent of any other, so
 * it forms a group of its own and the whole batch runs one group at a time, in stream order, as a
 * batch did before records had keys.
 */
export const planBatch = (keys: readonly (string | undefined)[], bound: number): BatchPlan => {
  const groups: number[][] = [];
  const byKey = new Map<string, number[]>();
  let keyless = false;
  keys.forEach((key, position) => {
    if (key === undefined) {
      keyless = true;
      groups.push([position]);
      return;
    }
    let group = byKey.get(key);
    if (!group) {
      group = [];
      byKey.set(key, group);
      groups.push(group);
    }
    group.push(position);
  });
  const limit = Math.max(1, Math.floor(bound));
  return { groups, concurrency: keyless ? 1 : Math.min(limit, Math.max(1, groups.length)) };
};

/** What became of one record of a batch. */
export type RecordOutcome =
  | { kind: 'applied' }
  | { kind: 'failed'; error: unknown }
  /** Not run: the record at `behind` (an earlier one of its key) failed. */
  | { kind: 'held'; behind: number };

/**
 * The outcomes of one group once the record at `failedAt` (a position in the batch) has failed, or
 * none has (`undefined`): records before it applied, it failed, every later one held behind it.
 */
export const groupOutcomes = (
  group: readonly number[],
  failedAt: number | undefined,
  error?: unknown,
): [number, RecordOutcome][] => {
  const at = failedAt === undefined ? -1 : group.indexOf(failedAt);
  return group.map((position, i): [number, RecordOutcome] => {
    if (at < 0 || i < at) return [position, { kind: 'applied' }];
    if (i === at) return [position, { kind: 'failed', error }];
    return [position, { kind: 'held', behind: failedAt! }];
  });
};

/**
 * The positions to report in `batchItemFailures`, in stream order: every record that failed or was
 * held. Lambda resumes from the lowest of them (and delivers again every record after it, applied
 * or not — which every consumer, being idempotent per record, takes as a replay).
 */
export const reportedFailures = (outcomes: readonly RecordOutcome[]): number[] =>
  outcomes.flatMap((outcome, position) => (outcome.kind === 'applied' ? [] : [position]));
