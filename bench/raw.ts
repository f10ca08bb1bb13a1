// Raw baselines: what DynamoDB Local does with the same items and nothing else, at the same
// concurrency, measured right next to the pipeline it is compared with. A scratch table of its own
// (no stream, so nothing reads it) takes each item as one TransactWriteItems: the item itself under a
// claim condition (as every exactly-once consumer writes its claim marker) and one counter ADD of its
// key — the least an exactly-once effect of one record costs.
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { isStable, perSecond } from './stats.js';
import { pool } from './support.js';

export const rawTableName = (runtime: LocalRuntime) => `${runtime.tablePrefix}bench-raw`;

export const ensureRawTable = async (runtime: LocalRuntime, dynamodb: DynamoDBClient) => {
  const TableName = rawTableName(runtime);
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName }));
  } catch {
    await dynamodb.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  }
};

export interface RawItem {
  /** The key the pipeline groups by (customer, account, staff). */
  key: string;
  /** The record's own id (transaction id, registration ref). */
  id: string;
  item: Record<string, unknown>;
}

let round = 0;

/** Claim + counter ADD per item, `concurrency` in flight: items/s. */
export const rawTransactWrites = async (
  runtime: LocalRuntime,
  items: readonly RawItem[],
  concurrency: number,
): Promise<number> => {
  const TableName = rawTableName(runtime);
  const tag = `${Date.now().toString(36)}-${++round}`;
  const started = performance.now();
  await pool(items.length, concurrency, async (i) => {
    const { key, id, item } = items[i]!;
    await runtime.document.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { ...item, pk: `${tag}#${key}`, sk: `TX#${id}` },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName,
              Key: { pk: `${tag}#${key}`, sk: 'COUNT' },
              UpdateExpression: 'ADD n :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
  });
  return perSecond(items.length, performance.now() - started);
};

/** PutItem of small items for `ms`, `concurrency` in flight: items/s. */
export const rawPutWindow = async (
  runtime: LocalRuntime,
  ms: number,
  concurrency: number,
): Promise<number> => {
  const TableName = rawTableName(runtime);
  const tag = `W${Date.now().toString(36)}-${++round}`;
  const until = performance.now() + ms;
  let written = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < until) {
        const n = written++;
        await runtime.document.send(
          new PutCommand({ TableName, Item: { pk: `${tag}#${worker}`, sk: String(n), at: n } }),
        );
      }
    }),
  );
  return perSecond(written, performance.now() - started);
};

/**
 * DynamoDB Local (a JVM) gets several times faster over its first minutes: raw PutItem windows of
 * `windowMs` until two successive ones are within 10 %, or `capSeconds` have gone by.
 */
export const warmUp = async (
  runtime: LocalRuntime,
  options: { capSeconds: number; concurrency: number; windowMs?: number },
): Promise<{ rates: number[]; seconds: number; stable: boolean }> => {
  const started = performance.now();
  const rates: number[] = [];
  while ((performance.now() - started) / 1000 < options.capSeconds) {
    rates.push(await rawPutWindow(runtime, options.windowMs ?? 5_000, options.concurrency));
    if (rates.length >= 3 && isStable(rates)) break;
  }
  return { rates, seconds: (performance.now() - started) / 1000, stable: isStable(rates) };
};
