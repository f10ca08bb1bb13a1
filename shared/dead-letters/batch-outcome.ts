// What an invocation with a batch of stream records came to, read as a Lambda event source mapping
// with ReportBatchItemFailures reads it: a thrown error fails the whole batch; a null, empty or absent
// `batchItemFailures` is a success; an item identifier that is missing, empty or not a sequence number
// of the batch fails the whole batch; otherwise the lowest failed sequence number is where to resume.
import type { DynamoDBRecord } from 'aws-lambda';
import { compareSequenceNumbers, sequenceNumberOf } from './sequence-numbers.js';

export interface FailureReason {
  kind: 'function-error' | 'batch-item-failures' | 'record-age';
  /** The error's name for a function error. */
  errorType?: string;
  message: string;
  /** The sequence numbers the function reported as failed. */
  itemIdentifiers?: string[];
}

export type BatchOutcome =
  | { kind: 'success' }
  | { kind: 'partial'; lowestFailed: string; reason: FailureReason }
  | { kind: 'error'; reason: FailureReason };

const MAX_MESSAGE = 4000;

export const functionErrorReason = (error: unknown): FailureReason => ({
  kind: 'function-error',
  errorType: error instanceof Error ? error.name : typeof error,
  message: (error instanceof Error ? error.message : String(error)).slice(0, MAX_MESSAGE),
});

export const interpretBatchResponse = (response: unknown, records: DynamoDBRecord[]): BatchOutcome => {
  if (response === null || typeof response !== 'object') return { kind: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'success' };
  const invalid = (message: string): BatchOutcome => ({
    kind: 'error',
    reason: { kind: 'batch-item-failures', errorType: 'InvalidBatchItemFailures', message },
  });
  if (!Array.isArray(failures)) return invalid('batchItemFailures is not a list: the whole batch failed');
  if (failures.length === 0) return { kind: 'success' };
  const inBatch = new Set(records.map(sequenceNumberOf));
  const identifiers: string[] = [];
  for (const failure of failures as unknown[]) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || identifier === '') {
      return invalid(`batchItemFailures has an item without an itemIdentifier: the whole batch failed`);
    }
    if (!inBatch.has(identifier)) {
      return invalid(
        `batchItemFailures names ${identifier}, not a sequence number of this batch: the whole batch failed`,
      );
    }
    identifiers.push(identifier);
  }
  const lowestFailed = identifiers.reduce((low, s) => (compareSequenceNumbers(s, low) < 0 ? s : low));
  return {
    kind: 'partial',
    lowestFailed,
    reason: {
      kind: 'batch-item-failures',
      message: `the function reported ${identifiers.length} of ${records.length} records failed`,
      itemIdentifiers: identifiers,
    },
  };
};

/** Invokes with one batch and reads the outcome; a thrown error is an outcome, never rethrown. */
export const runBatch = async (
  invoke: (event: { Records: DynamoDBRecord[] }) => Promise<unknown>,
  records: DynamoDBRecord[],
): Promise<BatchOutcome> => {
  let response: unknown;
  try {
    response = await invoke({ Records: records });
  } catch (error) {
    return { kind: 'error', reason: functionErrorReason(error) };
  }
  return interpretBatchResponse(response, records);
};
