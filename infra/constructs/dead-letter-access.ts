// What the dead-letters API functions (shared/dead-letters/sqs-dead-letter-queues.ts) get to read and
// replay the stream mappings' dead letters: every mapping's queue URL and its consumer's deployed name
// in OCRM_DEAD_LETTER_QUEUES, and grants on exactly those queues, streams and functions. Listing peeks
// (receive, then visible again); replaying also deletes a message or sends it again, reads the batch
// back from its stream and invokes the consumer.
import { Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { DeadLetterAccess } from '#infra/declaration/types.js';
import { DEAD_LETTER_QUEUES_ENV } from '#shared/dead-letters/queues.js';
import type { OcrmFunction } from './ocrm-function.js';

/** One stream mapping with its dead-letter queue, as the stack built it. */
export interface MappingDeadLetters {
  /** `function@table`, `#2` for a function's second mapping of a table (the local runtime's names). */
  mapping: string;
  consumer: OcrmFunction;
  table: Table;
  queue: IQueue;
}

export const DEAD_LETTER_ACTIONS: Record<DeadLetterAccess, string[]> = {
  list: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility'],
  replay: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:SendMessage'],
};
export const DEAD_LETTER_KEY_ACTIONS: Record<DeadLetterAccess, string[]> = {
  list: ['kms:Decrypt'],
  replay: ['kms:Decrypt', 'kms:GenerateDataKey'],
};
export const REPLAY_STREAM_ACTIONS = ['dynamodb:GetShardIterator', 'dynamodb:GetRecords'];

export const grantDeadLetterAccess = (
  fn: OcrmFunction,
  access: DeadLetterAccess,
  mappings: MappingDeadLetters[],
  keys: { data: IKey; ops: IKey },
): void => {
  if (mappings.length === 0) return;
  fn.addEnvironment(
    DEAD_LETTER_QUEUES_ENV,
    Stack.of(fn).toJsonString(
      Object.fromEntries(
        mappings.map((m) => [m.mapping, { queue: m.queue.queueUrl, function: m.consumer.functionName }]),
      ),
    ),
  );
  const role = fn.executionRole;
  const statement = (sid: string, actions: string[], resources: string[]) =>
    role.addToPrincipalPolicy(new PolicyStatement({ sid, actions, resources: [...new Set(resources)] }));
  statement(
    'DeadLetterQueues',
    DEAD_LETTER_ACTIONS[access],
    mappings.map((m) => m.queue.queueArn),
  );
  statement('DeadLetterQueuesKey', DEAD_LETTER_KEY_ACTIONS[access], [keys.ops.keyArn]);
  if (access !== 'replay') return;
  statement(
    'DeadLetterStreams',
    REPLAY_STREAM_ACTIONS,
    mappings.map((m) => m.table.tableStreamArn!),
  );
  statement('DeadLetterStreamsKey', ['kms:Decrypt'], [keys.data.keyArn]);
  statement(
    'DeadLetterConsumers',
    ['lambda:InvokeFunction'],
    mappings.map((m) => m.consumer.functionArn),
  );
};
