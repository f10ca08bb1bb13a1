// The one DynamoDB Streams wrapper: Powertools BatchProcessor, zod per record image, partial batch
// responses (`batchItemFailures`), and every record kind handled on purpose. A record that fails
// to parse or to apply is reported alone; the event source mapping retries it, then dead-letters it.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, Context, DynamoDBBatchResponse } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '#shared/logging/logger.js';

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
  apply(record: DynamoDBRecord): Promise<void>;
}

export const streamConsumer = <S extends z.ZodType>(
  name: string,
  options: StreamHandlerOptions<S>,
): StreamConsumer => ({
  name,
  apply: async (record) => {
    const change = toChange(options.image, record);
    const apply =
      change.kind === 'INSERT' ? options.insert : change.kind === 'MODIFY' ? options.modify : options.remove;
    if (apply === 'ignore') return;
    await apply(change);
  },
});

/**
 * The Lambda handler of one event source mapping. Each record goes through every consumer, in the
 * order given; a consumer that fails does not stop the others, and the record is then reported
 * failed, so the mapping retries it for all of them — every consumer must be idempotent per record.
 * Several consumers share one mapping because a DynamoDB stream serves at most two readers per
 * shard before it throttles them.
 */
export const groupedStreamHandler = (...consumers: StreamConsumer[]) => {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const applyRecord = async (record: DynamoDBRecord): Promise<void> => {
    logger.appendKeys({ correlationId: record.eventID });
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
  const handle = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
    processPartialResponse(event, applyRecord, processor, {
      context,
      // Records of one item must apply in stream order; one at a time keeps logs and order plain.
      processInParallel: false,
    });
  return middy(handle).use(injectLambdaContext(logger, { resetKeys: true }));
};

/** The handler of a stream with one consumer. */
export const streamHandler = <S extends z.ZodType>(options: StreamHandlerOptions<S>) =>
  groupedStreamHandler(streamConsumer('handler', options));
