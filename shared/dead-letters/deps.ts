// The dead-letters handlers' queues: the local runtime's store when it handed one in, else the SQS
// on-failure destinations the stack named in OCRM_DEAD_LETTER_QUEUES, with clients built once per
// container.
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterQueues } from './ports.js';
import {
  DEAD_LETTER_QUEUES_ENV,
  mappingQueuesOf,
  providedDeadLetterQueues,
  unavailableDeadLetterQueues,
} from './queues.js';
import { sqsDeadLetterQueues } from './sqs-dead-letter-queues.js';

let deployed: DeadLetterQueues | undefined;

const deployedQueues = (): DeadLetterQueues => {
  if (deployed) return deployed;
  const queues = mappingQueuesOf(process.env[DEAD_LETTER_QUEUES_ENV]);
  if (!queues) return unavailableDeadLetterQueues;
  deployed = sqsDeadLetterQueues(
    { sqs: new SQSClient({}), lambda: new LambdaClient({}), streams: new DynamoDBStreamsClient({}) },
    queues,
  );
  return deployed;
};

export const deadLetterQueues = (): DeadLetterQueues => providedDeadLetterQueues() ?? deployedQueues();
