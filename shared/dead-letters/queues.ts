// Where the dead-letter queues come from. Deployed: the SQS on-failure destinations of the event
// source mappings (not built yet, see sqsDeadLetterQueues). Locally the runtime hands in its own
// dead-letter store at start (functions must not import infra/local), and every request asks here,
// so a runtime started later in the same process (a test) is the one answered for.
import { DomainError } from '#shared/errors.js';
import type { DeadLetterQueues } from './ports.js';

let provided: DeadLetterQueues | undefined;

/** The local runtime's injection point; `undefined` takes it back. */
export const provideDeadLetterQueues = (queues: DeadLetterQueues | undefined): void => {
  provided = queues;
};

class QueuesUnavailable extends DomainError {
  constructor() {
    super(
      501,
      'Not implemented',
      'Reading the SQS dead-letter queues is not built yet: use the SQS console or CLI (the queues are named after each stream mapping).',
    );
  }
}

/**
 * The SQS adapter, a gap: it needs @aws-sdk/client-sqs (not a dependency yet) to ReceiveMessage /
 * DeleteMessage on the mappings' queues, read each
 * batch back from the stream by its DDBStreamBatchInfo (shard, start and end sequence numbers; the
 * stream keeps records 24 hours) and invoke the consumer with them. The declaration grants none of that yet: the functions would need
 * sqs:ReceiveMessage/DeleteMessage/GetQueueAttributes and kms:Decrypt (ops key) on the stream DLQs,
 * dynamodb:GetShardIterator/GetRecords on the streams (kms:Decrypt, data key), lambda:InvokeFunction
 * on the consumers.
 */
const sqsDeadLetterQueues: DeadLetterQueues = {
  list: () => Promise.reject(new QueuesUnavailable()),
  get: () => Promise.reject(new QueuesUnavailable()),
  replay: () => Promise.reject(new QueuesUnavailable()),
};

export const deadLetterQueues = (): DeadLetterQueues => provided ?? sqsDeadLetterQueues;
