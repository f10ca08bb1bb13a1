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
import { runGroups, type GroupResult } from './run-by-key.js';

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
  /**
   * The INSERTs and MODIFYs of one key's records in a batch, in stream order, applied together (one
   * read of the key's state, one coalesced write) where insert/modify would apply them one at a
   * time. It must leave what applying them one at a time would; throwing fails them all.
   */
  upsertGroup?: (changes: StreamChange<z.output<S>>[]) => Promise<void>;
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

/** How a consumer's run of one key's records ended: all applied, or the index of the first that failed. */
export type KeyRecordsResult = { failedAt?: undefined } | { failedAt: number; error: unknown };

/** One reader of a stream: its image schema and what it does per kind of change, bound together. */
export interface StreamConsumer {
  name: string;
  orderKey: OrderKey;
  apply(record: DynamoDBRecord): Promise<void>;
  /** One key's records of a batch, in stream order, together; absent: `apply` one at a time. */
  applyKeyRecords?(records: readonly DynamoDBRecord[]): Promise<KeyRecordsResult>;
}

/** A key's records through `upsertGroup`, cut at each REMOVE (applied on its own, in its place). */
const keyRecordsApplier =
  <S extends z.ZodType>(
    options: StreamHandlerOptions<S>,
    upsertGroup: NonNullable<StreamHandlerOptions<S>['upsertGroup']>,
  ) =>
  async (records: readonly DynamoDBRecord[]): Promise<KeyRecordsResult> => {
    let segment: { index: number; change: StreamChange<z.output<S>> }[] = [];
    const flush = async (): Promise<KeyRecordsResult> => {
      const run = segment;
      segment = [];
      if (run.length === 0) return {};
      try {
        await upsertGroup(run.map((s) => s.change));
        return {};
      } catch (error) {
        return { failedAt: run[0]!.index, error };
      }
    };
    for (const [index, record] of records.entries()) {
      let change: StreamChange<z.output<S>>;
      try {
        change = toChange(options.image, record);
      } catch (error) {
        const flushed = await flush();
        return flushed.failedAt === undefined ? { failedAt: index, error } : flushed;
      }
      if (change.kind !== 'REMOVE') {
        segment.push({ index, change });
        continue;
      }
      const flushed = await flush();
      if (flushed.failedAt !== undefined) return flushed;
      if (options.remove === 'ignore') continue;
      try {
        await options.remove(change);
      } catch (error) {
        return { failedAt: index, error };
      }
    }
    return flush();
  };

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
  ...(options.upsertGroup ? { applyKeyRecords: keyRecordsApplier(options, options.upsertGroup) } : {}),
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
 * order given; a consumer with `applyKeyRecords` takes all of a key's records together before the
 * consumers after it see any of them. A consumer that fails does not stop the others on that record, and the record is then
 * reported failed, so the mapping retries it (and the key's later ones) for all of them — every
 * consumer must be idempotent per record.
 * Several consumers share one mapping because a DynamoDB stream serves at most two readers per
 * shard before it throttles them. Records of one key run one after another in stream order; keys
 * run side by side, at most OCRM_STREAM_KEYS_IN_FLIGHT at once.
 */
export const groupedStreamHandler = (...consumers: StreamConsumer[]) => {
  const orderKey = orderKeyOf(consumers);
  // Stages: a consumer that takes a key's records together is a stage of its own; consumers that
  // take them one at a time form a stage in which each record goes through all of them in turn.
  const stages: StreamConsumer[][] = [];
  for (const consumer of consumers) {
    const last = stages.at(-1);
    if (!consumer.applyKeyRecords && last && !last[0]!.applyKeyRecords) last.push(consumer);
    else stages.push([consumer]);
  }
  // Every stage takes the key's records up to the earliest one failed so far (that one included,
  // as each record goes through every consumer): what comes after it is held for all of them.
  const applyKeyGroup = async (
    records: readonly DynamoDBRecord[],
    group: readonly number[],
  ): Promise<GroupResult> => {
    const mine = group.map((position) => records[position]!);
    let limit = mine.length;
    const failures = new Map<number, unknown[]>();
    const fail = (consumer: StreamConsumer, index: number, error: unknown) => {
      logger.error('stream record failed', {
        error: error as Error,
        eventId: mine[index]?.eventID,
        consumer: consumer.name,
      });
      failures.set(index, [...(failures.get(index) ?? []), error]);
      limit = Math.min(limit, index + 1);
    };
    for (const stage of stages) {
      const together = stage[0]!.applyKeyRecords;
      if (together) {
        const result = await together(mine.slice(0, limit));
        if (result.failedAt !== undefined) fail(stage[0]!, result.failedAt, result.error);
        continue;
      }
      for (let index = 0; index < limit; index++) {
        for (const consumer of stage) {
          try {
            await consumer.apply(mine[index]!);
          } catch (error) {
            fail(consumer, index, error);
          }
        }
      }
    }
    if (failures.size === 0) return {};
    const first = Math.min(...failures.keys());
    const errors = failures.get(first)!;
    return {
      failedAt: group[first]!,
      error:
        errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} consumers failed`),
    };
  };
  const handle = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    const records = Array.isArray(event.Records) ? event.Records : [];
    const plan = planBatch(records.map(orderKey), keysInFlight());
    const outcomes = await runGroups(plan, records.length, (group) => applyKeyGroup(records, group));
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
