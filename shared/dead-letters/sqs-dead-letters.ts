// The dead letters of the stream mappings in AWS: their SQS on-failure destinations. A message there is
// Lambda's invocation record (stream-batch.ts); replaying it reads the batch back from the stream
// (dynamo-stream-batches.ts), invokes the consumer once with exactly those records, and deletes the
// message only after that succeeded; a failed replay sends the message again with its replay counted
// (the rest only, after a partial failure) before deleting the old one, so a crash between the two
// leaves the batch twice, never lost. A message being replayed is hidden longer than any invocation,
// so two replays never take the same one. One code for the ops kit (`npm run ops -- dead-letters`,
// per queue) and for the dead-letters API (sqs-dead-letter-queues.ts, over every mapping's queue).
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { invokeWith } from '#shared/adapters/lambda-invoke.js';
import { runBatch } from './batch-outcome.js';
import { readBatch } from './dynamo-stream-batches.js';
import {
  decideAfterReplay,
  invocationRecordOf,
  parseDeadLetter,
  withFailedReplay,
  type StreamDeadLetter,
} from './stream-batch.js';

export interface DeadLetterClients {
  sqs: SQSClient;
  lambda: LambdaClient;
  streams: DynamoDBStreamsClient;
}

/** Longer than the longest Lambda invocation (15 minutes): a message being replayed stays hidden. */
export const REPLAY_VISIBILITY_SECONDS = 16 * 60;
/** How long a look at a queue hides its messages before making them visible again. */
const PEEK_VISIBILITY_SECONDS = 30;
/** Messages read from one queue at most, for a list or a replay run. */
const MAX_MESSAGES = 100;

const receive = async (sqs: SQSClient, url: string, visibility: number, max: number): Promise<Message[]> => {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: Math.min(10, max),
      VisibilityTimeout: visibility,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['SentTimestamp'],
    }),
  );
  return Messages ?? [];
};

const hideFor = (sqs: SQSClient, url: string, message: Message, seconds: number) =>
  sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: url,
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: seconds,
    }),
  );
export const release = (sqs: SQSClient, url: string, message: Message) => hideFor(sqs, url, message, 0);

/** Peeks at up to `max` messages of the queue, each once, and makes them visible again. */
export const peek = async (sqs: SQSClient, url: string, max = MAX_MESSAGES): Promise<Message[]> => {
  const seen = new Map<string, Message>();
  for (;;) {
    const page = await receive(sqs, url, PEEK_VISIBILITY_SECONDS, max - seen.size);
    const fresh = page.filter((m) => m.MessageId && !seen.has(m.MessageId));
    for (const message of fresh) seen.set(message.MessageId!, message);
    if (fresh.length === 0 || seen.size >= max) break;
  }
  await Promise.all([...seen.values()].map((message) => release(sqs, url, message)));
  return [...seen.values()];
};

/** The first message `wanted` picks, hidden for a replay; every other one looked at is visible again. */
export const take = async (
  sqs: SQSClient,
  url: string,
  wanted: (message: Message) => boolean,
): Promise<Message | undefined> => {
  const seen = new Set<string>();
  const others: Message[] = [];
  let found: Message | undefined;
  try {
    while (!found && seen.size < MAX_MESSAGES) {
      const page = await receive(sqs, url, PEEK_VISIBILITY_SECONDS, MAX_MESSAGES - seen.size);
      const fresh = page.filter((m) => m.MessageId && !seen.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        seen.add(message.MessageId!);
        if (!found && wanted(message)) found = message;
        else others.push(message);
      }
    }
    if (found) await hideFor(sqs, url, found, REPLAY_VISIBILITY_SECONDS);
  } finally {
    await Promise.all(others.map((message) => release(sqs, url, message)));
  }
  return found;
};

export type ListedDeadLetter =
  ({ readable: true } & StreamDeadLetter) | { readable: false; messageId: string; error: string };

export const listed = (message: Message): ListedDeadLetter => {
  const parsed = parseDeadLetter(message.MessageId!, message.Body ?? '');
  return parsed.ok
    ? { readable: true, ...parsed.letter }
    : { readable: false, messageId: message.MessageId!, error: parsed.error };
};

/** Peeks at up to `max` messages of one queue and leaves them there. */
export const listQueue = async (
  sqs: SQSClient,
  url: string,
  max = MAX_MESSAGES,
): Promise<ListedDeadLetter[]> => (await peek(sqs, url, max)).map(listed);

export interface ReplayedLetter {
  messageId: string;
  outcome: 'replayed' | 'partly-replayed' | 'failed' | 'expired' | 'unreadable';
  records: number;
  remaining?: number;
  error?: string;
}

/**
 * Replays one received message (hidden for the replay) with `invoke`, the consumer; `at` is when, for
 * the replay count the message is sent again with when the replay fails; `sent` hears that message's id.
 */
export const replayMessage = async (
  clients: Pick<DeadLetterClients, 'sqs' | 'streams'>,
  url: string,
  message: Message,
  invoke: (event: unknown) => Promise<unknown>,
  at: () => string,
  sent: (messageId: string) => void = () => undefined,
): Promise<ReplayedLetter> => {
  const messageId = message.MessageId ?? '';
  const parsed = parseDeadLetter(messageId, message.Body ?? '');
  if (!parsed.ok) return { messageId, outcome: 'unreadable', records: 0, error: parsed.error };
  const { batch } = parsed.letter;
  const remove = () =>
    clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
  // another message in its place first: a crash between the two leaves the batch twice, never lost
  const replace = async (body: string, error: string) => {
    const { MessageId } = await clients.sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: withFailedReplay(body, error, at()) }),
    );
    if (MessageId) sent(MessageId);
    await remove();
  };
  const { records, complete } = await readBatch(clients.streams, batch);
  if (records.length === 0 || !complete) {
    const error = 'the batch is no longer (wholly) in the stream: streams keep records 24 hours';
    await replace(message.Body!, error);
    return { messageId, outcome: 'expired', records: records.length, error };
  }
  const outcome = await runBatch((event) => invoke(event), records);
  const decision = decideAfterReplay(invocationRecordOf(message.Body!), records, outcome);
  switch (decision.action) {
    case 'delete':
      await remove();
      return { messageId, outcome: 'replayed', records: records.length };
    case 'requeue-rest':
      await replace(decision.body, decision.error);
      return {
        messageId,
        outcome: 'partly-replayed',
        records: records.length,
        remaining: decision.remaining,
        error: decision.error,
      };
    case 'keep':
      await replace(message.Body!, decision.error);
      return {
        messageId,
        outcome: 'failed',
        records: records.length,
        remaining: records.length,
        error: decision.error,
      };
  }
};

/**
 * The ops kit's replay of one queue: up to `limit` dead letters, each once (a message a failed replay
 * sent again waits for the next run). Unreadable ones are left there, visible again at the end.
 */
export const replayQueue = async (
  clients: DeadLetterClients,
  url: string,
  functionName: string,
  limit = MAX_MESSAGES,
  now: () => Date = () => new Date(),
): Promise<ReplayedLetter[]> => {
  const invoke = invokeWith(clients.lambda, functionName);
  const results: ReplayedLetter[] = [];
  const resent = new Set<string>();
  const kept: Message[] = [];
  try {
    while (results.length < limit) {
      const page = await receive(clients.sqs, url, REPLAY_VISIBILITY_SECONDS, limit - results.length);
      const fresh = page.filter((message) => !resent.has(message.MessageId ?? ''));
      kept.push(...page.filter((message) => resent.has(message.MessageId ?? '')));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        const result = await replayMessage(
          clients,
          url,
          message,
          invoke,
          () => now().toISOString(),
          (id) => resent.add(id),
        );
        if (result.outcome === 'unreadable') kept.push(message);
        results.push(result);
      }
    }
  } finally {
    await Promise.all(kept.map((message) => release(clients.sqs, url, message)));
  }
  return results;
};
