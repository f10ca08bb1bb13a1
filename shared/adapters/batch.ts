// BatchGetItem and BatchWriteItem to the end: what DynamoDB hands back unprocessed (throttled, or
// over the response size) is asked again after a growing jittered wait, a bounded number of times;
// then the read or write fails as ServiceBusy (503 + Retry-After; a stream record is retried), never
// with keys silently missing or items silently dropped. Reads in chunks of 100 keys side by side;
// writes 25 at a time, in order.
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { ServiceBusy } from '#shared/errors.js';

type Item = Record<string, unknown>;
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export interface BatchGetOptions {
  consistentRead?: boolean;
  projection?: string;
  names?: Record<string, string>;
  /** Asks for the consumed capacity and hands it over per call (the tiering bench counts it). */
  onConsumed?: (consumed: ConsumedCapacity[] | undefined) => void;
}

export const MAX_BATCH_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => (attempt > 0 ? sleep(Math.random() * 10 * 2 ** attempt) : undefined);

/** Every item of `table` with one of these keys (in no particular order; missing keys are absent). */
export const batchGetAll = async (
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly Item[],
  options: BatchGetOptions = {},
): Promise<Item[]> => {
  const chunks: Item[][] = [];
  for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
  const items: Item[] = [];
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_BATCH_ATTEMPTS) throw new ServiceBusy();
        await backoff(attempt);
        const out = await client.send(
          new BatchGetCommand({
            RequestItems: {
              [table]: {
                Keys: pending,
                ...(options.consistentRead ? { ConsistentRead: true } : {}),
                ...(options.projection ? { ProjectionExpression: options.projection } : {}),
                ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
              },
            },
            ...(options.onConsumed ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
          }),
        );
        options.onConsumed?.(out.ConsumedCapacity);
        items.push(...(out.Responses?.[table] ?? []));
        pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
      }
    }),
  );
  return items;
};

/** Writes every request (puts and deletes, each key once) to `table`, 25 at a time. */
export const batchWriteAll = async (
  client: DynamoDBDocumentClient,
  table: string,
  requests: readonly WriteRequest[],
  options: Pick<BatchGetOptions, 'onConsumed'> = {},
): Promise<void> => {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS) throw new ServiceBusy();
      await backoff(attempt);
      const out = await client.send(
        new BatchWriteCommand({
          RequestItems: { [table]: pending },
          ...(options.onConsumed ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
        }),
      );
      options.onConsumed?.(out.ConsumedCapacity);
      pending = out.UnprocessedItems?.[table] ?? [];
    }
  }
};
