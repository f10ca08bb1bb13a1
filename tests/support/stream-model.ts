// The model function of the local stream poller's property tests: each record fails a set number
// of deliveries before one succeeds (Infinity: a poison record); a record that throws fails the
// whole invocation, as an unhandled error does in Lambda; otherwise the failures are reported as
// batch item failures from the lowest one on.
import type { BatchOutcome } from '#shared/dead-letters/batch-outcome.js';

export interface ModelRecord {
  sequenceNumber: string;
  /** Deliveries that fail before one succeeds; each failed delivery uses one up. */
  failures: number;
  throws: boolean;
}

export const modelOutcome = (records: readonly ModelRecord[]): BatchOutcome => {
  const failed = records.filter((r) => r.failures > 0);
  for (const r of failed) r.failures--;
  if (failed.length === 0) return { kind: 'success' };
  if (failed.some((r) => r.throws))
    return { kind: 'error', reason: { kind: 'function-error', errorType: 'Error', message: 'poison' } };
  return {
    kind: 'partial',
    lowestFailed: failed[0]!.sequenceNumber,
    reason: { kind: 'batch-item-failures', message: `${failed.length} failed` },
  };
};
