// `dead-letters list|replay <mapping>`: the SQS on-failure destination of a DynamoDB stream mapping.
// A message there is Lambda's invocation record (stream-batch.ts); replaying it reads the batch back
// from the stream (GetShardIterator AT_SEQUENCE_NUMBER, GetRecords), invokes the function once with
// exactly those records, and deletes the message only after that succeeded. Messages are received
// with a visibility timeout longer than any invocation, so two engineers replaying at once never
// take the same one; a message kept after a failed replay is made visible again at the end.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { runBatch } from '#infra/local/streams/batch-outcome.js';
import { toLambdaRecord } from '#infra/local/streams/lambda-record.js';
import type { OpsClients } from './clients.js';
import { functionOf, mappingOf, type DeployedMapping, type Inventory } from './inventory.js';
import {
  decideAfterReplay,
  invocationRecordOf,
  parseDeadLetter,
  readPastBatch,
  recordsOfBatch,
  type StreamBatchInfo,
  type StreamDeadLetter,
} from './stream-batch.js';

/** Longer than the longest Lambda invocation (15 minutes): a message being replayed stays hidden. */
export const REPLAY_VISIBILITY_SECONDS = 16 * 60;
/** How long `list` hides the messages it peeks at before making them visible again. */
const PEEK_VISIBILITY_SECONDS = 30;
/** GetRecords pages read for one batch before giving up (a batch is at most 10,000 records). */
const MAX_PAGES = 100;

const queueOf = (inventory: Inventory, name: string): { mapping: DeployedMapping; url: string } => {
  const mapping = mappingOf(inventory, name);
  if (!mapping.deadLetters) throw new Error(`stream mapping ${name} has no dead-letter queue in the stack`);
  return { mapping, url: mapping.deadLetters.url };
};

const receive = async (sqs: SQSClient, url: string, visibility: number, max: number): Promise<Message[]> => {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: Math.min(10, max),
      VisibilityTimeout: visibility,
      WaitTimeSeconds: 0,
    }),
  );
  return Messages ?? [];
};

const release = (sqs: SQSClient, url: string, message: Message) =>
  sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: url,
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: 0,
    }),
  );

export type ListedDeadLetter =
  ({ readable: true } & StreamDeadLetter) | { readable: false; messageId: string; error: string };

/** Peeks at up to `max` messages and makes them visible again. */
export const listDeadLetters = async (
  clients: Pick<OpsClients, 'sqs'>,
  inventory: Inventory,
  mappingName: string,
  max = 100,
): Promise<ListedDeadLetter[]> => {
  const { url } = queueOf(inventory, mappingName);
  const seen = new Map<string, Message>();
  for (;;) {
    const page = await receive(clients.sqs, url, PEEK_VISIBILITY_SECONDS, max - seen.size);
    const fresh = page.filter((m) => m.MessageId && !seen.has(m.MessageId));
    for (const message of fresh) seen.set(message.MessageId!, message);
    if (fresh.length === 0 || seen.size >= max) break;
  }
  await Promise.all([...seen.values()].map((message) => release(clients.sqs, url, message)));
  return [...seen.values()].map((message): ListedDeadLetter => {
    const parsed = parseDeadLetter(message.MessageId!, message.Body ?? '');
    return parsed.ok
      ? { readable: true, ...parsed.letter }
      : { readable: false, messageId: message.MessageId!, error: parsed.error };
  });
};

/** The batch's records, read back from its shard in Lambda's event shape. */
export const readBatch = async (
  streams: DynamoDBStreamsClient,
  batch: StreamBatchInfo,
): Promise<{ records: DynamoDBRecord[]; complete: boolean }> => {
  let iterator: string | undefined;
  try {
    ({ ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: batch.streamArn,
        ShardId: batch.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: batch.startSequenceNumber,
      }),
    ));
  } catch (error) {
    // trimmed (older than 24 hours) or the stream is gone
    if (
      (error as Error).name === 'TrimmedDataAccessException' ||
      (error as Error).name === 'ResourceNotFoundException'
    ) {
      return { records: [], complete: false };
    }
    throw error;
  }
  const read: DynamoDBRecord[] = [];
  for (let page = 0; iterator && page < MAX_PAGES && !readPastBatch(batch, read); page++) {
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    read.push(...(out.Records ?? []).map((r) => toLambdaRecord(r, batch.streamArn)));
    iterator = out.NextShardIterator;
    // an open shard answers empty pages once caught up: nothing more of this batch will come
    if ((out.Records ?? []).length === 0 && read.length > 0) break;
  }
  return recordsOfBatch(batch, read);
};

/** Invokes the function synchronously, as the mapping does; a function error is thrown. */
export const invokeWith = (lambda: LambdaClient, functionName: string) => async (event: unknown) => {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  const payload: unknown = text ? JSON.parse(text) : null;
  if (out.FunctionError) {
    const failure = (payload ?? {}) as { errorType?: string; errorMessage?: string };
    const error = new Error(failure.errorMessage ?? out.FunctionError);
    error.name = failure.errorType ?? out.FunctionError;
    throw error;
  }
  return payload;
};

export interface ReplayedLetter {
  messageId: string;
  outcome: 'replayed' | 'partly-replayed' | 'failed' | 'expired' | 'unreadable';
  records: number;
  remaining?: number;
  error?: string;
}

/** Replays up to `limit` dead letters of the mapping, each once. */
export const replayDeadLetters = async (
  clients: Pick<OpsClients, 'sqs' | 'lambda' | 'streams'>,
  inventory: Inventory,
  mappingName: string,
  limit = 100,
): Promise<ReplayedLetter[]> => {
  const { mapping, url } = queueOf(inventory, mappingName);
  const invoke = invokeWith(clients.lambda, functionOf(inventory, mapping.function).physicalName);
  const results: ReplayedLetter[] = [];
  const kept: Message[] = [];
  try {
    while (results.length < limit) {
      const page = await receive(clients.sqs, url, REPLAY_VISIBILITY_SECONDS, limit - results.length);
      if (page.length === 0) break;
      for (const message of page) {
        const result = await replayOne(clients, url, message, invoke);
        if (result.outcome !== 'replayed' && result.outcome !== 'partly-replayed') kept.push(message);
        results.push(result);
      }
    }
  } finally {
    await Promise.all(kept.map((message) => release(clients.sqs, url, message)));
  }
  return results;
};

const replayOne = async (
  clients: Pick<OpsClients, 'sqs' | 'streams'>,
  url: string,
  message: Message,
  invoke: (event: unknown) => Promise<unknown>,
): Promise<ReplayedLetter> => {
  const messageId = message.MessageId ?? '';
  const parsed = parseDeadLetter(messageId, message.Body ?? '');
  if (!parsed.ok) return { messageId, outcome: 'unreadable', records: 0, error: parsed.error };
  const { batch } = parsed.letter;
  const { records, complete } = await readBatch(clients.streams, batch);
  if (records.length === 0 || !complete) {
    return {
      messageId,
      outcome: 'expired',
      records: records.length,
      error: 'the batch is no longer (wholly) in the stream: streams keep records 24 hours',
    };
  }
  const outcome = await runBatch((event) => invoke(event), records);
  const decision = decideAfterReplay(invocationRecordOf(message.Body!), records, outcome);
  const remove = () =>
    clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
  switch (decision.action) {
    case 'delete':
      await remove();
      return { messageId, outcome: 'replayed', records: records.length };
    case 'requeue-rest':
      // the rest first: a crash between the two leaves the batch twice, never lost
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: decision.body }));
      await remove();
      return {
        messageId,
        outcome: 'partly-replayed',
        records: records.length,
        remaining: decision.remaining,
        error: decision.error,
      };
    case 'keep':
      return {
        messageId,
        outcome: 'failed',
        records: records.length,
        remaining: records.length,
        error: decision.error,
      };
  }
};
