// Stream pollers with Lambda event-source-mapping semantics, on DynamoDB Local: a poison record is
// isolated and dead-lettered while every other record is applied exactly once; a replayed batch
// changes nothing; a dead letter replays once the poison is fixed; filters drop records; a restart
// with data on disk resumes from the checkpoint. Effects are read back from DynamoDB.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { FunctionDeclaration, StreamTrigger } from '#infra/declaration/types.js';
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { invoke } from '#infra/local/invoke.js';
import { startDynamoLocal } from '#infra/local/dynamo-local.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { StreamPoller, type StreamPollerOptions } from '#infra/local/streams/poller.js';
import { StreamStateStore } from '#infra/local/streams/state-store.js';
import { startStreamPollers } from '#infra/local/streams/index.js';
import { toLambdaRecord } from '#shared/stream/lambda-record.js';
import { EFFECTS_TABLE } from '../support/counting-stream-handler.js';
import { countingConsumer, effectsTable, streamSourceTable } from '../support/counting-declarations.js';

process.env.AWS_REGION ??= 'local';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const SOURCE_TABLE = 'stream-test-source';
const sourceTable = streamSourceTable(SOURCE_TABLE);

const countingFn = countingConsumer('counting-stream', {
  [SOURCE_TABLE]: 'read',
  [EFFECTS_TABLE]: 'read-write',
});
const throwingFn: FunctionDeclaration = {
  ...countingFn,
  name: 'throwing-stream',
  entry: 'tests/support/throwing-stream-handler.ts',
};

const mapping = (overrides: Partial<StreamTrigger> = {}, fn = countingFn): PlannedStreamMapping => ({
  kind: 'stream',
  table: SOURCE_TABLE,
  startingPosition: 'TRIM_HORIZON',
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  bisectOnError: true,
  retryAttempts: 2,
  maxRecordAgeSeconds: -1,
  reportBatchItemFailures: true,
  onFailure: 'dead-letter-queue',
  ...overrides,
  fn,
});

interface Item {
  pk: string;
  amount: number;
  kind?: string;
  poison?: boolean;
}
const items = (count: number, from = 0, extra: (i: number) => Partial<Item> = () => ({})): Item[] =>
  Array.from({ length: count }, (_, j) => ({
    pk: `item-${from + j}`,
    amount: from + j + 1,
    ...extra(from + j),
  }));

/** A fresh pair of tables (own prefix) on one DynamoDB Local, the handler pointed at them. */
const world = async (endpoint: string, prefix = `t-${randomUUID().slice(0, 8)}-`) => {
  const dynamodb = new DynamoDBClient({ endpoint, region: 'local', credentials });
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials });
  const document = DynamoDBDocumentClient.from(dynamodb);
  await ensureTables(dynamodb, prefix, [sourceTable, effectsTable]);
  process.env.OCRM_DYNAMODB_ENDPOINT = endpoint;
  process.env[tableEnvName(EFFECTS_TABLE)] = physicalTableName(prefix, effectsTable);
  const store = new StreamStateStore({ client: dynamodb, prefix });
  await store.ensureTables();
  const source = physicalTableName(prefix, sourceTable);
  const logged: string[] = [];

  return {
    prefix,
    dynamodb,
    streams,
    store,
    logged,
    /** One put after another, so the stream holds them in this order. */
    async write(batch: Item[]) {
      for (const Item of batch) await document.send(new PutCommand({ TableName: source, Item }));
    },
    poller(m: PlannedStreamMapping, options: Partial<StreamPollerOptions> = {}) {
      return new StreamPoller({
        mapping: m,
        tableName: source,
        dynamodb,
        streams,
        store,
        pollIntervalMs: 10,
        retryBackoffMs: 1,
        log: (line) => logged.push(line),
        ...options,
      });
    },
    /** What the handler did: totals per item (claimed applications) and deliveries per item. */
    async effects() {
      const { Items = [] } = await document.send(
        new ScanCommand({ TableName: physicalTableName(prefix, effectsTable), ConsistentRead: true }),
      );
      const totals = new Map<string, { applied: number; applications: number }>();
      const deliveries = new Map<string, number>();
      const deliveriesByEvent = new Map<string, number>();
      for (const item of Items) {
        const pk = item.pk as string;
        if (pk.startsWith('total#')) {
          totals.set(pk.slice(6), {
            applied: item.applied as number,
            applications: item.applications as number,
          });
        } else if (pk.startsWith('delivery#')) {
          const itemPk = item.itemPk as string;
          deliveries.set(itemPk, (deliveries.get(itemPk) ?? 0) + (item.deliveries as number));
          deliveriesByEvent.set(pk.slice(9), item.deliveries as number);
        }
      }
      return { totals, deliveries, deliveriesByEvent };
    },
    /** Every record in the table's stream, as Lambda delivers them. */
    async streamRecords(): Promise<DynamoDBRecord[]> {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: source }));
      const StreamArn = Table!.LatestStreamArn!;
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
      const records: DynamoDBRecord[] = [];
      for (const shard of StreamDescription!.Shards!) {
        let { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({
            StreamArn,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        while (ShardIterator) {
          const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
          records.push(...(page.Records ?? []).map((r) => toLambdaRecord(r, StreamArn)));
          if (!page.Records?.length) break;
          ShardIterator = page.NextShardIterator;
        }
      }
      return records;
    },
    close() {
      dynamodb.destroy();
      streams.destroy();
    },
  };
};
type World = Awaited<ReturnType<typeof world>>;

const eventIdOf = (records: DynamoDBRecord[], pk: string) =>
  records.find((r) => r.dynamodb?.Keys?.pk?.S === pk)!.eventID!;

afterEach(() => {
  delete process.env.COUNTING_POISON;
});

describe('a batch with a poison record (partial batch response, bisect, retries, dead letter)', () => {
  let w: World;
  let poller: StreamPoller;
  let records: DynamoDBRecord[];
  const batch = items(10, 0, (i) => (i === 4 ? { poison: true } : {}));

  beforeAll(async () => {
    // given ten records in the stream, the fifth poisoned, and a mapping of batch size 10
    w = await world(inject('dynamoEndpoint'));
    await w.write(batch);
    records = await w.streamRecords();
    // when the mapping runs until the stream is drained
    poller = w.poller(mapping({ batchSize: 10, bisectOnError: true, retryAttempts: 2 }));
    await poller.start();
    await poller.drained();
  });
  afterAll(async () => {
    await poller.stop();
    w.close();
  });

  it('applies every other record exactly once, though records after the poison were delivered again', async () => {
    const { totals, deliveries } = await w.effects();
    for (const item of batch.filter((i) => !i.poison)) {
      expect(totals.get(item.pk), item.pk).toEqual({ applied: item.amount, applications: 1 });
    }
    expect(totals.has('item-4')).toBe(false);
    // before the poison: checkpointed by the partial batch response, never sent again
    for (const pk of ['item-0', 'item-1', 'item-2', 'item-3']) expect(deliveries.get(pk), pk).toBe(1);
    // after it: redelivered while the batch was bisected, and still applied once (above)
    for (const pk of ['item-5', 'item-6', 'item-7', 'item-8', 'item-9']) {
      expect(deliveries.get(pk), pk).toBeGreaterThanOrEqual(2);
    }
    // the poison alone: its bisected batches, then 1 + retryAttempts invocations on its own
    expect(deliveries.get('item-4')).toBeGreaterThanOrEqual(3);
  });

  it('dead-letters only the poison record, after its retries, with the reason and the record', async () => {
    const letters = await w.store.listDeadLetters();
    expect(letters).toHaveLength(1);
    const letter = (await w.store.getDeadLetter(letters[0]!.id))!;
    expect(letter).toMatchObject({
      function: 'counting-stream',
      table: SOURCE_TABLE,
      condition: 'RetryAttemptsExhausted',
      attempts: 3,
      batchSize: 1,
      eventIds: [eventIdOf(records, 'item-4')],
      reason: { kind: 'function-error', errorType: 'FullBatchFailureError' },
    });
    expect(letter.records).toEqual([records.find((r) => r.eventID === eventIdOf(records, 'item-4'))]);
    expect(poller.counters).toMatchObject({ deadLettered: 1, retries: 2 });
    expect(w.logged.some((line) => line.includes('dead-lettered (RetryAttemptsExhausted'))).toBe(true);
  });

  it('checkpoints the shard at the last record: the shard moved on past the poison', async () => {
    const [checkpoint] = await w.store.listCheckpoints(poller.name);
    expect(checkpoint?.sequenceNumber).toBe(records.at(-1)!.dynamodb!.SequenceNumber);
  });

  it('changes nothing when the same batch is delivered again', async () => {
    // given the effects so far
    const before = await w.effects();
    // when the function gets the very same records again (an at-least-once redelivery)
    const response = (await invoke(countingFn, { Records: records })) as { batchItemFailures: unknown[] };
    // then it saw them all (deliveries went up by one each) but no total moved
    const after = await w.effects();
    const poison = records.find((r) => r.eventID === eventIdOf(records, 'item-4'))!;
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: poison.dynamodb!.SequenceNumber }]);
    expect(after.totals).toEqual(before.totals);
    for (const item of batch)
      expect(after.deliveries.get(item.pk), item.pk).toBe(before.deliveries.get(item.pk)! + 1);
  });

  it('replays the dead letter once the poison is fixed: applied once, store emptied', async () => {
    const [letter] = await w.store.listDeadLetters();
    const streams = await startStreamPollers({
      mappings: [mapping()],
      tableName: () => physicalTableName(w.prefix, sourceTable),
      dynamodb: w.dynamodb,
      streams: w.streams,
      prefix: w.prefix,
      enabled: false,
    });

    // when replayed while the poison is still there, the dead letter stays, with the new reason
    const failed = await streams.replay(letter!.id);
    expect(failed).toMatchObject({ found: true, ok: false, reason: { kind: 'function-error' } });
    expect(await w.store.listDeadLetters()).toEqual([
      expect.objectContaining({ id: letter!.id, replays: 1, lastReplayReason: failed.reason }),
    ]);

    // when the poison is fixed and it is replayed again
    process.env.COUNTING_POISON = 'accept';
    expect(await streams.replay(letter!.id)).toEqual({ id: letter!.id, found: true, ok: true });

    // then the record is applied exactly once and nothing is left to replay
    const { totals } = await w.effects();
    expect(totals.get('item-4')).toEqual({ applied: 5, applications: 1 });
    expect(await streams.deadLetters()).toEqual([]);
    expect(await streams.replay(letter!.id)).toEqual({ id: letter!.id, found: false, ok: false });
    expect((await w.effects()).totals.get('item-4')).toEqual({ applied: 5, applications: 1 });
  });
});

describe('a function that throws on any failed record (no partial batch response)', () => {
  let w: World;
  beforeAll(async () => {
    w = await world(inject('dynamoEndpoint'));
  });
  afterAll(() => w.close());

  it('with bisect on error, isolates the poison: only it is dead-lettered', async () => {
    // given eight records, the sixth poisoned
    const batch = items(8, 0, (i) => (i === 5 ? { poison: true } : {}));
    await w.write(batch);
    const records = await w.streamRecords();
    // when a mapping with bisect on error runs to the end of the stream
    const poller = w.poller(mapping({ batchSize: 8, bisectOnError: true, retryAttempts: 1 }, throwingFn));
    await poller.start();
    await poller.drained();
    await poller.stop();
    // then the halves with good records went through, once each in effect
    const { totals } = await w.effects();
    for (const item of batch.filter((i) => !i.poison)) {
      expect(totals.get(item.pk), item.pk).toEqual({ applied: item.amount, applications: 1 });
    }
    const letters = await w.store.listDeadLetters({ mapping: poller.name });
    expect(letters).toEqual([
      expect.objectContaining({ batchSize: 1, attempts: 2, eventIds: [eventIdOf(records, 'item-5')] }),
    ]);
    expect(poller.counters.bisections).toBeGreaterThanOrEqual(3);
  });

  it('without bisect, dead-letters the whole batch after its retries and moves on', async () => {
    // given a new table with five records, the second poisoned
    w.close();
    w = await world(inject('dynamoEndpoint'));
    const batch = items(5, 0, (i) => (i === 1 ? { poison: true } : {}));
    await w.write(batch);
    // when a mapping without bisect runs
    const poller = w.poller(mapping({ batchSize: 5, bisectOnError: false, retryAttempts: 2 }, throwingFn));
    await poller.start();
    await poller.drained();
    // then the batch was sent 1 + 2 times, then dead-lettered whole
    const letters = await w.store.listDeadLetters();
    expect(letters).toEqual([
      expect.objectContaining({ batchSize: 5, attempts: 3, condition: 'RetryAttemptsExhausted' }),
    ]);
    expect(poller.counters).toMatchObject({ invocations: 3, failures: 3, retries: 2, deadLettered: 5 });
    const { deliveries } = await w.effects();
    expect(deliveries.get('item-0')).toBe(3);
    // and the shard is not blocked: a later record is processed
    await w.write(items(1, 10));
    await poller.drained();
    await poller.stop();
    expect((await w.effects()).totals.get('item-10')).toEqual({ applied: 11, applications: 1 });
  });
});

describe('filters', () => {
  it('drops records that match no filter: never invoked, yet checkpointed', async () => {
    // given records of kind keep and drop, interleaved, ending with a drop
    const w = await world(inject('dynamoEndpoint'));
    const batch = items(6, 0, (i) => ({ kind: i % 2 === 0 ? 'keep' : 'drop' }));
    await w.write(batch);
    const records = await w.streamRecords();
    // when the mapping filters on the new image's kind (OR an exact pk)
    const poller = w.poller(
      mapping({
        filters: [
          { dynamodb: { NewImage: { kind: { S: ['keep'] } } } },
          { dynamodb: { Keys: { pk: { S: [{ prefix: 'special-' }] } } } },
        ],
      }),
    );
    await poller.start();
    await poller.drained();
    // then only the keep records reached the function
    const { totals, deliveries } = await w.effects();
    expect([...deliveries.keys()].sort()).toEqual(['item-0', 'item-2', 'item-4']);
    expect([...totals.keys()].sort()).toEqual(['item-0', 'item-2', 'item-4']);
    expect(poller.counters).toMatchObject({ recordsFiltered: 3, recordsDelivered: 3 });
    // and the position is past the trailing dropped record
    expect(poller.status().shards[0]?.checkpoint).toBe(records.at(-1)!.dynamodb!.SequenceNumber);

    // when a dropped record and one matching the other filter follow: one invocation, checkpoint at the end
    const invocations = poller.counters.invocations;
    await w.write([
      { pk: 'item-20', amount: 1, kind: 'drop' },
      { pk: 'special-1', amount: 7, kind: 'drop' },
    ]);
    await poller.drained();
    await poller.stop();
    const all = await w.streamRecords();
    expect(poller.counters.invocations).toBe(invocations + 1);
    expect((await w.effects()).totals.get('special-1')).toEqual({ applied: 7, applications: 1 });
    expect((await w.effects()).deliveries.has('item-20')).toBe(false);
    const [checkpoint] = await w.store.listCheckpoints(poller.name);
    expect(checkpoint?.sequenceNumber).toBe(all.at(-1)!.dynamodb!.SequenceNumber);
    w.close();
  });
});

describe('batching', () => {
  it('invokes with at most batchSize records', async () => {
    // given 25 records already in the stream
    const w = await world(inject('dynamoEndpoint'));
    await w.write(items(25));
    // when a mapping of batch size 10 runs
    const poller = w.poller(mapping({ batchSize: 10 }));
    await poller.start();
    await poller.drained();
    await poller.stop();
    // then three invocations: 10, 10, 5
    expect(poller.counters).toMatchObject({ invocations: 3, recordsDelivered: 25, failures: 0 });
    expect((await w.effects()).totals.size).toBe(25);
    w.close();
  });

  it('waits up to the batching window for a fuller batch', async () => {
    // given a running mapping with a one-second window and room for ten records
    const w = await world(inject('dynamoEndpoint'));
    const poller = w.poller(mapping({ batchSize: 10, maxBatchingWindowSeconds: 1 }));
    await poller.start();
    // when three records arrive
    await w.write(items(3));
    await poller.drained();
    await poller.stop();
    // then they went in one invocation, once the window closed
    expect(poller.counters).toMatchObject({ invocations: 1, recordsDelivered: 3 });
    w.close();
  });

  it('sends records older than maxRecordAgeSeconds to the dead-letter store without invoking', async () => {
    // given records in the stream and a clock two days ahead
    const w = await world(inject('dynamoEndpoint'));
    await w.write(items(3));
    const poller = w.poller(mapping({ maxRecordAgeSeconds: 3600 }), {
      now: () => Date.now() + 2 * 86_400_000,
    });
    // when the mapping runs
    await poller.start();
    await poller.drained();
    await poller.stop();
    // then nothing was delivered and the records are dead-lettered as too old
    expect(poller.counters.invocations).toBe(0);
    expect((await w.effects()).deliveries.size).toBe(0);
    expect(await w.store.listDeadLetters()).toEqual([
      expect.objectContaining({
        condition: 'RecordAgeExceeded',
        batchSize: 3,
        reason: expect.objectContaining({ kind: 'record-age' }),
      }),
    ]);
    w.close();
  });
});

describe('restart with data on disk', () => {
  it('resumes from the checkpoint: every record applied once, none delivered again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ocrm-streams-'));
    const prefix = `r-${randomUUID().slice(0, 8)}-`;
    let dynamo = await startDynamoLocal({ dataDir });
    try {
      // given a mapping that processed four records (one poisoned, dead-lettered) and was stopped
      let w = await world(dynamo.endpoint, prefix);
      const first = items(4, 0, (i) => (i === 2 ? { poison: true } : {}));
      await w.write(first);
      let poller = w.poller(mapping({ retryAttempts: 0 }));
      await poller.start();
      await poller.drained();
      await poller.stop();
      const before = await w.effects();
      const [checkpointBefore] = await w.store.listCheckpoints(poller.name);
      w.close();
      await dynamo.stop();

      // when DynamoDB Local and the mapping start again on the same data and more records arrive
      dynamo = await startDynamoLocal({ dataDir });
      w = await world(dynamo.endpoint, prefix);
      expect(await w.store.listCheckpoints(poller.name)).toEqual([checkpointBefore]);
      const second = items(4, 4);
      await w.write(second);
      poller = w.poller(mapping({ retryAttempts: 0 }));
      await poller.start();
      await poller.drained();
      await poller.stop();

      // then the records before the restart were not delivered again, the new ones exactly once
      const after = await w.effects();
      for (const [eventId, count] of before.deliveriesByEvent)
        expect(after.deliveriesByEvent.get(eventId)).toBe(count);
      for (const item of second) expect(after.deliveries.get(item.pk), item.pk).toBe(1);
      for (const item of [...first, ...second].filter((i) => !i.poison)) {
        expect(after.totals.get(item.pk), item.pk).toEqual({ applied: item.amount, applications: 1 });
      }
      // and the dead letter from before the restart is still there
      expect(await w.store.listDeadLetters()).toEqual([
        expect.objectContaining({ batchSize: 1, condition: 'RetryAttemptsExhausted' }),
      ]);
      w.close();
    } finally {
      await dynamo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000); // two cold starts of DynamoDB Local on disk: slow on a busy 2-core machine
});
