// What a DynamoDB stream mapping's on-failure destination holds, and the replay decisions on it. In
// AWS the SQS message is Lambda's invocation record: the batch's place in the stream
// (`DDBStreamBatchInfo`: shard, first and last sequence numbers, size, stream ARN), never the records,
// which the replay reads back from the stream (kept 24 hours). The outcome of invoking the function
// with them is read as the mapping reads it (batch-outcome.ts, the local runtime's own code): success
// deletes the message; a partial failure sends a message for the rest (from the lowest failed record
// on) and deletes the old one; an error keeps it whole. A message kept or narrowed is sent again with
// its replay count and when and why the last replay failed (`ocrmReplays`, beside Lambda's fields), as
// the local dead-letter store keeps them. Pure.
import { createHash } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import type { BatchOutcome } from './batch-outcome.js';
import { compareSequenceNumbers, sequenceNumberOf } from './sequence-numbers.js';

const BatchInfo = z.looseObject({
  shardId: z.string().min(1),
  startSequenceNumber: z.string().regex(/^\d+$/),
  endSequenceNumber: z.string().regex(/^\d+$/),
  approximateArrivalOfFirstRecord: z.string().optional(),
  approximateArrivalOfLastRecord: z.string().optional(),
  batchSize: z.number().int().min(1),
  streamArn: z.string().min(1),
});
export type StreamBatchInfo = z.infer<typeof BatchInfo>;

const InvocationRecord = z.looseObject({
  requestContext: z
    .looseObject({
      requestId: z.string().optional(),
      functionArn: z.string().optional(),
      condition: z.string().optional(),
      approximateInvokeCount: z.number().optional(),
    })
    .optional(),
  responseContext: z
    .looseObject({ statusCode: z.number().optional(), functionError: z.string().optional() })
    .optional(),
  timestamp: z.string().optional(),
  DDBStreamBatchInfo: BatchInfo,
  /** Ours: the replays that failed so far (absent on the message Lambda wrote). */
  ocrmReplays: z
    .object({ count: z.number().int().min(1), lastAt: z.string(), lastError: z.string() })
    .optional(),
});
export type InvocationRecord = z.infer<typeof InvocationRecord>;

/** A dead letter as listed: the batch and why it was given up on. */
export interface StreamDeadLetter {
  messageId: string;
  failedAt?: string;
  condition: string;
  attempts?: number;
  functionError?: string;
  batch: StreamBatchInfo;
  /** Replays tried so far (each failed, or the message would be gone); absent before the first. */
  replays?: number;
  lastReplayAt?: string;
  lastReplayError?: string;
}

/** The message body as Lambda writes it, or why it is not one (a message put there by hand). */
export const parseDeadLetter = (
  messageId: string,
  body: string,
): { ok: true; letter: StreamDeadLetter } | { ok: false; error: string } => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = InvocationRecord.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'not a DynamoDB stream invocation record' };
  const record = parsed.data;
  return {
    ok: true,
    letter: {
      messageId,
      ...(record.timestamp ? { failedAt: record.timestamp } : {}),
      condition: record.requestContext?.condition ?? 'unknown',
      ...(record.requestContext?.approximateInvokeCount !== undefined
        ? { attempts: record.requestContext.approximateInvokeCount }
        : {}),
      ...(record.responseContext?.functionError
        ? { functionError: record.responseContext.functionError }
        : {}),
      batch: record.DDBStreamBatchInfo,
      ...(record.ocrmReplays
        ? {
            replays: record.ocrmReplays.count,
            lastReplayAt: record.ocrmReplays.lastAt,
            lastReplayError: record.ocrmReplays.lastError,
          }
        : {}),
    },
  };
};

const letterId = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 27);

/**
 * A dead letter's id, the same for as long as its batch waits: the mapping, the shard and the batch's
 * last sequence number (a partial replay keeps the rest under it, as a failed one keeps the whole).
 * Message ids change whenever a replay sends the message again, so they cannot be it.
 */
export const deadLetterIdOf = (
  mapping: string,
  batch: Pick<StreamBatchInfo, 'shardId' | 'endSequenceNumber'>,
) => letterId(mapping, batch.shardId, batch.endSequenceNumber);

/** The id of a message that is no invocation record (put there by hand): it is never sent again. */
export const unreadableLetterIdOf = (mapping: string, messageId: string) =>
  letterId(mapping, 'message', messageId);

/**
 * The message to send in place of one whose replay failed at `at` (the whole batch, or the rest a
 * decision kept): the same invocation record with one more failed replay counted.
 */
export const withFailedReplay = (body: string, error: string, at: string): string => {
  const record = invocationRecordOf(body);
  return JSON.stringify({
    ...record,
    ocrmReplays: { count: (record.ocrmReplays?.count ?? 0) + 1, lastAt: at, lastError: error },
  });
};

/**
 * The batch's records among those read from its shard from `startSequenceNumber` on: up to and
 * including `endSequenceNumber`, at most `batchSize`. `complete` says whether the last one was reached.
 */
export const recordsOfBatch = (
  batch: StreamBatchInfo,
  read: DynamoDBRecord[],
): { records: DynamoDBRecord[]; complete: boolean } => {
  const records = read
    .filter(
      (r) =>
        compareSequenceNumbers(sequenceNumberOf(r), batch.startSequenceNumber) >= 0 &&
        compareSequenceNumbers(sequenceNumberOf(r), batch.endSequenceNumber) <= 0,
    )
    .slice(0, batch.batchSize);
  const last = records.at(-1);
  return {
    records,
    complete: last !== undefined && sequenceNumberOf(last) === batch.endSequenceNumber,
  };
};

/** Whether reading the shard can stop: the batch's last record (or one after it) has been read. */
export const readPastBatch = (batch: StreamBatchInfo, read: DynamoDBRecord[]): boolean => {
  const last = read.at(-1);
  return last !== undefined && compareSequenceNumbers(sequenceNumberOf(last), batch.endSequenceNumber) >= 0;
};

export type ReplayDecision =
  | { action: 'delete' }
  | { action: 'requeue-rest'; body: string; remaining: number; error: string }
  | { action: 'keep'; error: string };

/** What to do with the SQS message after invoking the function with the batch's records. */
export const decideAfterReplay = (
  original: InvocationRecord,
  records: DynamoDBRecord[],
  outcome: BatchOutcome,
): ReplayDecision => {
  if (outcome.kind === 'success') return { action: 'delete' };
  if (outcome.kind === 'error') return { action: 'keep', error: outcome.reason.message };
  const rest = records.filter((r) => compareSequenceNumbers(sequenceNumberOf(r), outcome.lowestFailed) >= 0);
  const first = rest[0];
  if (!first || rest.length === records.length) return { action: 'keep', error: outcome.reason.message };
  const batch: StreamBatchInfo = {
    ...original.DDBStreamBatchInfo,
    startSequenceNumber: sequenceNumberOf(first),
    batchSize: rest.length,
  };
  const seconds = first.dynamodb?.ApproximateCreationDateTime;
  if (seconds !== undefined) batch.approximateArrivalOfFirstRecord = new Date(seconds * 1000).toISOString();
  return {
    action: 'requeue-rest',
    body: JSON.stringify({ ...original, DDBStreamBatchInfo: batch }),
    remaining: rest.length,
    error: outcome.reason.message,
  };
};

/** The invocation record for a body already parsed by {@link parseDeadLetter}. */
export const invocationRecordOf = (body: string): InvocationRecord =>
  InvocationRecord.parse(JSON.parse(body));
