// A stream mapping with a parallelizationFactor, on DynamoDB Local: batches of one shard overlap (up to
// the factor, never more), yet every item's changes reach the function in stream order, no item is in
// two batches in flight, every record is delivered once, and the checkpoint ends at the last record.
// A failing record is retried with its key held back, then the shard goes on.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionDeclaration } from '#infra/declaration/types.js';
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { StreamPoller } from '#infra/local/streams/poller.js';
import { StreamStateStore } from '#infra/local/streams/state-store.js';
import { countingConsumer, streamSourceTable } from '../support/counting-declarations.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const sourceTable = streamSourceTable('parallel-stream-source');
const fn = countingConsumer('parallel-stream', {});
const mapping = (parallelizationFactor: number): PlannedStreamMapping => ({
  kind: 'stream',
  table: sourceTable.id,
  startingPosition: 'TRIM_HORIZON',
  batchSize: 3,
  maxBatchingWindowSeconds: 0,
  bisectOnError: true,
  retryAttempts: 5,
  maxRecordAgeSeconds: -1,
  reportBatchItemFailures: true,
  parallelizationFactor,
  onFailure: 'dead-letter-queue',
  fn,
});

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const sequenceOf = (record: DynamoDBRecord) => BigInt(record.dynamodb!.SequenceNumber!);
const pkOf = (record: DynamoDBRecord) => record.dynamodb!.Keys!.pk!.S!;
const versionOf = (record: DynamoDBRecord) => Number(record.dynamodb!.NewImage!.version!.N);

/** A model function: slow, records what it was given and when, and fails `c`'s version 2 twice. */
const modelFunction = () => {
  const seen: { pk: string; version: number; sequence: bigint }[] = [];
  const inFlight = new Set<string>();
  const overlaps: string[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  let failuresLeft = 2;
  const invoke = async (_fn: FunctionDeclaration, event: DynamoDBStreamEvent) => {
    const pks = [...new Set(event.Records.map(pkOf))];
    for (const pk of pks) if (inFlight.has(pk)) overlaps.push(pk);
    for (const pk of pks) inFlight.add(pk);
    maxConcurrent = Math.max(maxConcurrent, ++concurrent);
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (const [i, record] of event.Records.entries()) {
        if (pkOf(record) === 'c' && versionOf(record) === 2 && failuresLeft > 0) {
          failuresLeft--;
          return {
            batchItemFailures: event.Records.slice(i).map((r) => ({
              itemIdentifier: r.dynamodb!.SequenceNumber,
            })),
          };
        }
        seen.push({ pk: pkOf(record), version: versionOf(record), sequence: sequenceOf(record) });
      }
      return { batchItemFailures: [] };
    } finally {
      concurrent--;
      for (const pk of pks) inFlight.delete(pk);
    }
  };
  return { invoke, seen, overlaps, maxConcurrent: () => maxConcurrent };
};

const run = async (endpoint: string, factor: number) => {
  const prefix = `p-${randomUUID().slice(0, 8)}-`;
  const dynamodb = new DynamoDBClient({ endpoint, region: 'local', credentials });
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials });
  const document = DynamoDBDocumentClient.from(dynamodb);
  await ensureTables(dynamodb, prefix, [sourceTable]);
  const store = new StreamStateStore({ client: dynamodb, prefix });
  const tableName = physicalTableName(prefix, sourceTable);
  // given six items, each written four times (versions 1–4), interleaved
  for (let version = 1; version <= 4; version++)
    for (const pk of KEYS)
      await document.send(new PutCommand({ TableName: tableName, Item: { pk, version } }));
  const model = modelFunction();
  const poller = new StreamPoller({
    mapping: mapping(factor),
    tableName,
    dynamodb,
    streams,
    store,
    pollIntervalMs: 10,
    retryBackoffMs: 1,
    invoke: model.invoke,
    log: () => undefined,
  });
  // when the mapping runs until the stream is drained
  await poller.start();
  await poller.drained();
  const status = poller.status();
  await poller.stop();
  dynamodb.destroy();
  streams.destroy();
  return { model, status };
};

describe('a mapping with parallelizationFactor 4', () => {
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    result = await run(inject('dynamoEndpoint'), 4);
  });

  it('runs batches of the shard side by side, never more than the factor', () => {
    expect(result.model.maxConcurrent()).toBeGreaterThan(1);
    expect(result.model.maxConcurrent()).toBeLessThanOrEqual(4);
  });

  it('never has an item in two batches in flight', () => {
    expect(result.model.overlaps).toEqual([]);
  });

  it('hands each item its changes in stream order, each once', () => {
    for (const pk of KEYS) {
      const versions = result.model.seen.filter((s) => s.pk === pk).map((s) => s.version);
      expect(versions, pk).toEqual([1, 2, 3, 4]);
    }
    expect(result.model.seen).toHaveLength(KEYS.length * 4);
  });

  it('checkpoints the last record once everything is done', () => {
    const last = result.model.seen.reduce((max, s) => (s.sequence > max ? s.sequence : max), 0n);
    expect(result.status.shards.every((s) => s.pending === 0)).toBe(true);
    expect(
      result.status.shards.map((s) => BigInt(s.checkpoint ?? '0')).reduce((a, b) => (a > b ? a : b)),
    ).toBe(last);
    expect(result.status.counters.retries).toBeGreaterThan(0);
  });
});

describe('a mapping with parallelizationFactor 1', () => {
  it('runs one batch of the shard at a time', async () => {
    const { model } = await run(inject('dynamoEndpoint'), 1);
    expect(model.maxConcurrent()).toBe(1);
    expect(model.seen.map((s) => s.sequence)).toEqual(
      [...model.seen.map((s) => s.sequence)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
});
