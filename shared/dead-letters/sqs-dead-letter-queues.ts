// The dead-letter port (ports.ts) in AWS: every stream mapping's SQS on-failure destination the stack
// named, read and replayed through sqs-dead-letters.ts, the code the ops kit runs too. A dead letter's
// id is its batch's (stream-batch.ts), stable while the message is sent again after failed replays.
import type { Message } from '@aws-sdk/client-sqs';
import { invokeWith } from '#shared/adapters/lambda-invoke.js';
import type { DeadLetter, DeadLetterQueues, ReplayResult } from './ports.js';
import type { MappingQueue } from './queues.js';
import {
  listed,
  peek,
  release,
  replayMessage,
  take,
  type DeadLetterClients,
  type ReplayedLetter,
} from './sqs-dead-letters.js';
import { deadLetterIdOf, unreadableLetterIdOf } from './stream-batch.js';

const viewOf = (queue: MappingQueue, message: Message): DeadLetter => {
  const letter = listed(message);
  const of = { mapping: queue.mapping, consumer: queue.consumer, source: queue.source };
  if (!letter.readable) {
    return {
      id: unreadableLetterIdOf(queue.mapping, letter.messageId),
      ...of,
      condition: 'Unreadable',
      error: `the message is ${letter.error}`,
      failedAt: message.Attributes?.SentTimestamp
        ? new Date(Number(message.Attributes.SentTimestamp)).toISOString()
        : '',
      recordCount: 0,
      attempts: 0,
      replays: 0,
    };
  }
  return {
    id: deadLetterIdOf(queue.mapping, letter.batch),
    ...of,
    condition: letter.condition,
    // Lambda's record says how the last invocation failed, not with what message
    error: letter.functionError ? `the function failed (${letter.functionError})` : letter.condition,
    failedAt: letter.failedAt ?? letter.batch.approximateArrivalOfLastRecord ?? '',
    recordCount: letter.batch.batchSize,
    attempts: letter.attempts ?? 0,
    replays: letter.replays ?? 0,
    ...(letter.lastReplayAt ? { lastReplayAt: letter.lastReplayAt } : {}),
    ...(letter.lastReplayError ? { lastReplayError: letter.lastReplayError } : {}),
  };
};

const resultOf = (replayed: ReplayedLetter, recordCount: number): ReplayResult => {
  if (replayed.outcome === 'replayed') return { ok: true };
  const remaining =
    replayed.remaining ?? (replayed.outcome === 'unreadable' ? 0 : Math.max(recordCount, replayed.records));
  return { ok: false, error: replayed.error ?? replayed.outcome, remaining };
};

/** The port over every stream mapping's queue the stack named: what the dead-letters API reads. */
export const sqsDeadLetterQueues = (
  clients: DeadLetterClients,
  queues: MappingQueue[],
  now: () => Date = () => new Date(),
): DeadLetterQueues => {
  const list = async () =>
    (
      await Promise.all(
        queues.map(async (queue) =>
          (await peek(clients.sqs, queue.queueUrl)).map((message) => viewOf(queue, message)),
        ),
      )
    ).flat();
  return {
    list,
    get: async (id) => (await list()).find((letter) => letter.id === id),
    async replay(id) {
      for (const queue of queues) {
        const message = await take(clients.sqs, queue.queueUrl, (m) => viewOf(queue, m).id === id);
        if (!message) continue;
        const { recordCount } = viewOf(queue, message);
        const invoke = invokeWith(clients.lambda, queue.functionName);
        const replayed = await replayMessage(clients, queue.queueUrl, message, invoke, () =>
          now().toISOString(),
        );
        if (replayed.outcome === 'unreadable') await release(clients.sqs, queue.queueUrl, message);
        return resultOf(replayed, recordCount);
      }
      return {
        ok: false,
        error: `dead letter ${id} is in no queue just now (replayed, or being listed or replayed elsewhere)`,
        remaining: 0,
      };
    },
  };
};
