// Where the dead-letter queues come from. Deployed: the SQS on-failure destinations of the stream
// mappings (sqs-dead-letters.ts), which the stack names to the dead-letters functions in
// OCRM_DEAD_LETTER_QUEUES, each mapping's queue URL and its consumer's deployed name (deps.ts wires
// them). Locally the runtime hands in its own dead-letter store at start (functions must not import
// infra/local), and every request asks here, so a runtime started later in the same process (a test)
// is the one answered for.
import * as z from 'zod';
import { DomainError } from '#shared/errors.js';
import type { DeadLetterQueues } from './ports.js';

let provided: DeadLetterQueues | undefined;

/** The local runtime's injection point; `undefined` takes it back. */
export const provideDeadLetterQueues = (queues: DeadLetterQueues | undefined): void => {
  provided = queues;
};

/** What the local runtime handed in, if it did. */
export const providedDeadLetterQueues = (): DeadLetterQueues | undefined => provided;

/** The stack's JSON: mapping name (`function@table`) → its queue URL and its consumer's deployed name. */
export const DEAD_LETTER_QUEUES_ENV = 'OCRM_DEAD_LETTER_QUEUES';

const DeployedQueues = z.record(
  z.string(),
  z.object({ queue: z.string().min(1), function: z.string().min(1) }),
);

/** One stream mapping's dead-letter queue as deployed. */
export interface MappingQueue {
  /** `function@table`, `#2` for a function's second mapping of a table. */
  mapping: string;
  /** The consumer as declared, and the table whose stream it reads. */
  consumer: string;
  source: string;
  queueUrl: string;
  /** The consumer's deployed function name, which a replay invokes. */
  functionName: string;
}

/** The mappings' queues the stack named (`value` is the env var's), or none. */
export const mappingQueuesOf = (value: string | undefined): MappingQueue[] | undefined => {
  if (!value) return undefined;
  return Object.entries(DeployedQueues.parse(JSON.parse(value))).map(([mapping, deployed]) => {
    const [consumer = mapping, table = ''] = mapping.split('@');
    return {
      mapping,
      consumer,
      source: table.replace(/#\d+$/, ''),
      queueUrl: deployed.queue,
      functionName: deployed.function,
    };
  });
};

class QueuesUnavailable extends DomainError {
  constructor() {
    super(
      501,
      'Not implemented',
      `This deployment names no dead-letter queues to this function (${DEAD_LETTER_QUEUES_ENV} is not set): use npm run ops -- dead-letters.`,
    );
  }
}

/** Where neither the runtime nor the stack named any queue. */
export const unavailableDeadLetterQueues: DeadLetterQueues = {
  list: () => Promise.reject(new QueuesUnavailable()),
  get: () => Promise.reject(new QueuesUnavailable()),
  replay: () => Promise.reject(new QueuesUnavailable()),
};
