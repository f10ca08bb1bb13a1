// The one DynamoDB Streams wrapper: zod per record image, every record kind handled on purpose,
// records of one key (order-keys.ts) in stream order and different keys side by side (key-groups.ts),
// and partial batch responses (`batchItemFailures`, built by Powertools' BatchProcessor). A record
// that fails to parse or to apply is reported with the later records of its key; the event source
// mapping retries them from the lowest, then dead-letters the one that keeps failing.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, Context, DynamoDBBatchResponse } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '#shared/logging/logger.js';
import { planBatch, type RecordOutcome } from './key-groups.js';
import { byCustomer, type OrderKey } from './order-keys.js';
import { runByKey } from './run-by-key.js';

export interface StreamChange<T> {
  eventId: string;
  sequenceNumber: string;
  kind: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** A REMOVE made by DynamoDB's time-to-live sweeper rather than by our code. */
  ttlDelete: boolean;
  approximateCreatedAt: Date;
  newImage?: T;
  oldImage?: T;
}

type Apply<T> = ((change: StreamChange<T>) => Promise<void>) | 'ignore';

export interface StreamHandlerOptions<S extends z.ZodType> {
  /** Schema of the table item: each image is parsed with it, a mismatch fails that record only. */
  image: S;
  insert: Apply<z.output<S>>;
  modify: Apply<z.output<S>>;
  /** REMOVE, including time-to-live deletes (`change.ttlDelete`). */
  remove: Apply<z.output<S>>;
  /** Whose records must apply in stream order; by default the customer the item names (order-keys.ts). */
  orderKey?: OrderKey;
}

export class MalformedRecord extends Error {
  override name = 'MalformedRecord';
}

export const toChange = <S extends z.ZodType>(
  schema: S,
  record: DynamoDBRecord,
): StreamChange<z.output<S>> => {
  const parseImage = (image: Record<string, unknown> | undefined) => {
    if (!image) return undefined;
    const result = schema.safeParse(unmarshall(image as Record<string, AttributeValue>));
    if (!result.success) {
      const paths = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new MalformedRecord(`stream record ${record.eventID} does not match its schema: ${paths}`);
    }
    return result.data as z.output<S>;
  };
  const kind = record.eventName;
  if (kind !== 'INSERT' && kind !== 'MODIFY' && kind !== 'REMOVE') {
    throw new MalformedRecord(`stream record ${record.eventID} has unknown event name ${String(kind)}`);
  }
  return {
    eventId: record.eventID ?? '',
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    kind,
    ttlDelete:
      kind === 'REMOVE' &&
      record.userIdentity?.type === 'Service' &&
      record.userIdentity?.principalId === 'dynamodb.amazonaws.com',
    approximateCreatedAt: new Date((record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000),
    newImage: parseImage(record.dynamodb?.NewImage),
    oldImage: parseImage(record.dynamodb?.OldImage),
  };
};

/** One reader of a stream: its image schema and what it does per kind of change, bound together. */
export interface StreamConsumer {
  name: string;
  orderKey: OrderKey;
  apply(record: DynamoDBRecord): Promise<void>;
}

export const streamConsumer = <S extends z.ZodType>(
  name: string,
  options: StreamHandlerOptions<S>,
): StreamConsumer => ({
  name,
  orderKey: options.orderKey ?? byCustomer,
  apply: async (record) => {
    const change = toChange(options.image, record);
    const apply =
      change.kind === 'INSERT' ? options.insert : change.kind === 'MODIFY' ? options.modify : options.remove;
    if (apply === 'ignore') return;
    await apply(change);
  },
});

/** Records held behind a failed one of their key are reported failed with this error. */
export class HeldBehindFailure extends Error {
  override name = 'HeldBehindFailure';
}

/** How many keys' records a batch applies side by side (OCRM_STREAM_KEYS_IN_FLIGHT, 10 by default). */
const keysInFlight = () => {
  const value = Number(process.env.OCRM_STREAM_KEYS_IN_FLIGHT ?? 10);
  return Number.isFinite(value) && value >= 1 ? value : 10;
};

/** The one key all consumers of a mapping order by: they share the records, so they share the order. */
const orderKeyOf = (consumers: readonly StreamConsumer[]): OrderKey => {
  const keys = new Set(consumers.map((c) => c.orderKey));
  if (keys.size > 1) {
    throw new Error(
      `consumers ${consumers.map((c) => c.name).join(', ')} of one mapping order records by different keys`,
    );
  }
  return consumers[0]?.orderKey ?? byCustomer;
};

/**
 * The Lambda handler of one event source mapping. Each record goes through every consumer, in the
 * order given; a consumer that fails does not stop the others, and the record is then reported
 * failed, so the mapping retries it for all of them — every consumer must be idempotent per record.
 * Several consumers share one mapping because a DynamoDB stream serves at most two readers per
 * shard before it throttles them. Records of one key run one after another in stream order; keys
 * run side by side, at most OCRM_STREAM_KEYS_IN_FLIGHT at once.
 */
export const groupedStreamHandler = (...consumers: StreamConsumer[]) => {
  const orderKey = orderKeyOf(consumers);
  const applyRecord = async (record: DynamoDBRecord): Promise<void> => {
    const failures: unknown[] = [];
    for (const consumer of consumers) {
      try {
        await consumer.apply(record);
      } catch (error) {
        logger.error('stream record failed', {
          error: error as Error,
          eventId: record.eventID,
          consumer: consumer.name,
        });
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} consumers failed`);
  };
  const handle = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    const records = Array.isArray(event.Records) ? event.Records : [];
    const plan = planBatch(records.map(orderKey), keysInFlight());
    const outcomes = await runByKey(plan, records.length, (i) => applyRecord(records[i]!));
    const held = outcomes.filter((o) => o.kind === 'held').length;
    if (held > 0) logger.warn('stream records held behind a failed record of their key', { held });
    // Powertools builds the response from the outcomes (and throws when every record failed)
    const outcomeOf = new Map<DynamoDBRecord, RecordOutcome>(records.map((r, i) => [r, outcomes[i]!]));
    return processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        const outcome = outcomeOf.get(record);
        if (outcome?.kind === 'failed') throw outcome.error;
        if (outcome?.kind === 'held') {
          throw new HeldBehindFailure(
            `held behind ${records[outcome.behind]?.eventID ?? 'a record'} of the same key, which failed`,
          );
        }
      },
      // one processor per invocation: a shared one would mix the failures of overlapping invocations
      new BatchProcessor(EventType.DynamoDBStreams),
      { context, processInParallel: false },
    );
  };
  return middy(handle).use(injectLambdaContext(logger, { resetKeys: true }));
};

/** The handler of a stream with one consumer. */
export const streamHandler = <S extends z.ZodType>(options: StreamHandlerOptions<S>) =>
  groupedStreamHandler(streamConsumer('handler', options));
