// The stream pollers' durable state, in two local-only DynamoDB tables so it survives a restart when
// DynamoDB Local keeps its data on disk:
// - `${prefix}local-checkpoints`: per mapping and shard, the last sequence number processed (or
//   dead-lettered); a restarted poller resumes AFTER it;
// - `${prefix}local-dead-letters`: the batches whose retries ran out (or whose records grew too old),
//   with the records themselves, which function, why, when, and how often; ops list and replay them.
// In AWS the on-failure destination is an SQS queue that receives only the batch's metadata; keeping
// the records here is a local convenience (DynamoDB Streams keeps records for 24 hours only).
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { TableDeclaration } from '#infra/declaration/types.js';
import { createTableInput, physicalTableName } from '#infra/local/tables.js';
import { runBatch, type FailureReason } from '#shared/dead-letters/batch-outcome.js';
import { compareSequenceNumbers, sequenceNumberOf } from '#shared/dead-letters/sequence-numbers.js';
import { recordCreatedAt } from '#shared/stream/lambda-record.js';

export const stateTables: TableDeclaration[] = [
  {
    id: 'local-checkpoints',
    partitionKey: { name: 'mapping', type: 'S' },
    sortKey: { name: 'shardId', type: 'S' },
  },
  {
    id: 'local-dead-letters',
    partitionKey: { name: 'id', type: 'S' },
    sortKey: { name: 'part', type: 'S' },
  },
];

export interface Checkpoint {
  mapping: string;
  shardId: string;
  streamArn: string;
  /** The last sequence number processed or dead-lettered; the poller resumes after it. */
  sequenceNumber: string;
  updatedAt: string;
}

/** Lambda's names for why a batch went to the on-failure destination. */
export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** A batch given up on, as the poller hands it to the store. */
export interface NewDeadLetter {
  mapping: string;
  function: string;
  table: string;
  streamArn: string;
  shardId: string;
  condition: FailureCondition;
  reason: FailureReason;
  /** Invocations of this batch before it was given up on. */
  attempts: number;
  records: DynamoDBRecord[];
}

export interface DeadLetterSummary extends Omit<NewDeadLetter, 'records'> {
  id: string;
  batchSize: number;
  startSequenceNumber: string;
  endSequenceNumber: string;
  approximateArrivalOfFirstRecord: string;
  approximateArrivalOfLastRecord: string;
  eventIds: string[];
  failedAt: string;
  replays: number;
  lastReplayAt?: string;
  lastReplayReason?: FailureReason;
}

export interface DeadLetter extends DeadLetterSummary {
  records: DynamoDBRecord[];
}

export interface ReplayOutcome {
  id: string;
  found: boolean;
  ok: boolean;
  /** Why the replay failed; the dead letter is kept with this as its last replay reason. */
  reason?: FailureReason;
  /** Records still dead-lettered after a partial failure (from the lowest failed one on). */
  remaining?: number;
}

/** Invokes the dead letter's function with the stored records, as the mapping did. */
export type ReplayInvoker = (letter: DeadLetter, event: DynamoDBStreamEvent) => Promise<unknown>;

const META = 'meta';
// Items are limited to 400 KB; a batch's records (gzipped JSON) go in chunks below that.
const CHUNK_BYTES = 300_000;
const chunkPart = (generation: number, index: number) =>
  `records#${String(generation).padStart(4, '0')}#${String(index).padStart(4, '0')}`;

interface MetaItem extends DeadLetterSummary {
  part: typeof META;
  generation: number;
  chunks: number;
}

const newDeadLetterId = (at: Date) =>
  `dl-${at.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;

const summaryOf = (meta: MetaItem): DeadLetterSummary => {
  const { part: _part, generation: _generation, chunks: _chunks, ...summary } = meta;
  return summary;
};

const batchFacts = (records: DynamoDBRecord[]) => {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) throw new Error('a dead letter needs at least one record');
  return {
    batchSize: records.length,
    startSequenceNumber: sequenceNumberOf(first),
    endSequenceNumber: sequenceNumberOf(last),
    approximateArrivalOfFirstRecord: new Date(recordCreatedAt(first)).toISOString(),
    approximateArrivalOfLastRecord: new Date(recordCreatedAt(last)).toISOString(),
    eventIds: records.map((r) => r.eventID ?? ''),
  };
};

export interface StreamStateStoreOptions {
  client: DynamoDBClient;
  prefix: string;
  now?: () => Date;
}

export class StreamStateStore {
  readonly checkpointsTable: string;
  readonly deadLettersTable: string;
  private readonly client: DynamoDBClient;
  private readonly document: DynamoDBDocumentClient;
  private readonly prefix: string;
  private readonly now: () => Date;
  private ensured?: Promise<void>;
  private readonly replaying = new Set<string>();

  constructor(options: StreamStateStoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix;
    this.now = options.now ?? (() => new Date());
    this.document = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.checkpointsTable = physicalTableName(options.prefix, stateTables[0]!);
    this.deadLettersTable = physicalTableName(options.prefix, stateTables[1]!);
  }

  /** Creates both tables unless they exist; safe to call again and from several pollers at once. */
  ensureTables(): Promise<void> {
    this.ensured ??= Promise.all(stateTables.map((table) => this.ensureTable(table))).then(() => undefined);
    this.ensured.catch(() => (this.ensured = undefined));
    return this.ensured;
  }

  private async ensureTable(table: TableDeclaration): Promise<void> {
    const name = physicalTableName(this.prefix, table);
    try {
      await this.client.send(new DescribeTableCommand({ TableName: name }));
      return;
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    try {
      await this.client.send(new CreateTableCommand(createTableInput(this.prefix, table)));
    } catch (error) {
      // Another process created it between our describe and create.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
    await waitUntilTableExists({ client: this.client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
  }

  // ---- checkpoints ----

  async getCheckpoint(mapping: string, shardId: string): Promise<Checkpoint | undefined> {
    const { Item } = await this.document.send(
      new GetCommand({ TableName: this.checkpointsTable, Key: { mapping, shardId }, ConsistentRead: true }),
    );
    return Item as Checkpoint | undefined;
  }

  async putCheckpoint(checkpoint: Omit<Checkpoint, 'updatedAt'>): Promise<void> {
    await this.document.send(
      new PutCommand({
        TableName: this.checkpointsTable,
        Item: { ...checkpoint, updatedAt: this.now().toISOString() } satisfies Checkpoint,
      }),
    );
  }

  /** Every checkpoint, or one mapping's, for status output. */
  async listCheckpoints(mapping?: string): Promise<Checkpoint[]> {
    const items: Checkpoint[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = mapping
        ? await this.document.send(
            new QueryCommand({
              TableName: this.checkpointsTable,
              KeyConditionExpression: 'mapping = :mapping',
              ExpressionAttributeValues: { ':mapping': mapping },
              ConsistentRead: true,
              ExclusiveStartKey,
            }),
          )
        : await this.document.send(
            new ScanCommand({ TableName: this.checkpointsTable, ConsistentRead: true, ExclusiveStartKey }),
          );
      items.push(...((page.Items ?? []) as Checkpoint[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items.sort((a, b) => a.mapping.localeCompare(b.mapping) || a.shardId.localeCompare(b.shardId));
  }

  // ---- dead letters ----

  async addDeadLetter(letter: NewDeadLetter): Promise<DeadLetterSummary> {
    const failedAt = this.now();
    const meta: MetaItem = {
      id: newDeadLetterId(failedAt),
      part: META,
      mapping: letter.mapping,
      function: letter.function,
      table: letter.table,
      streamArn: letter.streamArn,
      shardId: letter.shardId,
      condition: letter.condition,
      reason: letter.reason,
      attempts: letter.attempts,
      ...batchFacts(letter.records),
      failedAt: failedAt.toISOString(),
      replays: 0,
      generation: 0,
      chunks: 0,
    };
    meta.chunks = await this.writeChunks(meta.id, 0, letter.records);
    // The meta item goes last: a dead letter is listed only once its records are all stored.
    await this.document.send(new PutCommand({ TableName: this.deadLettersTable, Item: meta }));
    return summaryOf(meta);
  }

  /** Every dead letter, oldest first, without its records. */
  async listDeadLetters(filter: { mapping?: string } = {}): Promise<DeadLetterSummary[]> {
    const metas: MetaItem[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.document.send(
        new ScanCommand({
          TableName: this.deadLettersTable,
          FilterExpression: filter.mapping ? '#part = :meta AND #mapping = :mapping' : '#part = :meta',
          ExpressionAttributeNames: { '#part': 'part', ...(filter.mapping ? { '#mapping': 'mapping' } : {}) },
          ExpressionAttributeValues: {
            ':meta': META,
            ...(filter.mapping ? { ':mapping': filter.mapping } : {}),
          },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      metas.push(...((page.Items ?? []) as MetaItem[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return metas.map(summaryOf).sort((a, b) => a.id.localeCompare(b.id));
  }

  async getDeadLetter(id: string): Promise<DeadLetter | undefined> {
    const meta = await this.getMeta(id);
    if (!meta) return undefined;
    return { ...summaryOf(meta), records: await this.readChunks(meta) };
  }

  async deleteDeadLetter(id: string): Promise<boolean> {
    const meta = await this.getMeta(id);
    if (!meta) return false;
    await this.document.send(
      new DeleteCommand({ TableName: this.deadLettersTable, Key: { id, part: META } }),
    );
    await this.deleteChunks(id, meta.generation, meta.chunks);
    return true;
  }

  /**
   * Re-invokes the dead letter's function with its stored records. On success the dead letter is
   * removed; on a partial failure only the records from the lowest failed one on are kept; on an
   * error it is kept whole. Either way the new reason and the replay count are recorded.
   */
  async replayDeadLetter(id: string, invoke: ReplayInvoker): Promise<ReplayOutcome> {
    if (this.replaying.has(id)) {
      return {
        id,
        found: true,
        ok: false,
        reason: { kind: 'function-error', message: `${id} is being replayed already` },
      };
    }
    this.replaying.add(id);
    try {
      const letter = await this.getDeadLetter(id);
      if (!letter) return { id, found: false, ok: false };
      const outcome = await runBatch((event) => invoke(letter, event), letter.records);
      if (outcome.kind === 'success') {
        await this.deleteDeadLetter(id);
        return { id, found: true, ok: true };
      }
      const meta = (await this.getMeta(id))!;
      const at = this.now().toISOString();
      if (outcome.kind === 'error') {
        await this.document.send(
          new UpdateCommand({
            TableName: this.deadLettersTable,
            Key: { id, part: META },
            UpdateExpression: 'SET replays = replays + :one, lastReplayAt = :at, lastReplayReason = :reason',
            ExpressionAttributeValues: { ':one': 1, ':at': at, ':reason': outcome.reason },
          }),
        );
        return { id, found: true, ok: false, reason: outcome.reason, remaining: letter.records.length };
      }
      // A partial failure: the records before the lowest failed one are done; keep the rest.
      const records = letter.records.filter(
        (r) => compareSequenceNumbers(sequenceNumberOf(r), outcome.lowestFailed) >= 0,
      );
      const generation = meta.generation + 1;
      const updated: MetaItem = {
        ...meta,
        ...batchFacts(records),
        generation,
        chunks: await this.writeChunks(id, generation, records),
        replays: meta.replays + 1,
        lastReplayAt: at,
        lastReplayReason: outcome.reason,
      };
      await this.document.send(new PutCommand({ TableName: this.deadLettersTable, Item: updated }));
      await this.deleteChunks(id, meta.generation, meta.chunks);
      return { id, found: true, ok: false, reason: outcome.reason, remaining: records.length };
    } finally {
      this.replaying.delete(id);
    }
  }

  private async getMeta(id: string): Promise<MetaItem | undefined> {
    const { Item } = await this.document.send(
      new GetCommand({ TableName: this.deadLettersTable, Key: { id, part: META }, ConsistentRead: true }),
    );
    return Item as MetaItem | undefined;
  }

  private async writeChunks(id: string, generation: number, records: DynamoDBRecord[]): Promise<number> {
    const packed = gzipSync(JSON.stringify(records));
    const count = Math.max(1, Math.ceil(packed.length / CHUNK_BYTES));
    for (let i = 0; i < count; i++) {
      await this.document.send(
        new PutCommand({
          TableName: this.deadLettersTable,
          Item: {
            id,
            part: chunkPart(generation, i),
            data: packed.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES),
          },
        }),
      );
    }
    return count;
  }

  private async readChunks(meta: MetaItem): Promise<DynamoDBRecord[]> {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < meta.chunks; i++) {
      const { Item } = await this.document.send(
        new GetCommand({
          TableName: this.deadLettersTable,
          Key: { id: meta.id, part: chunkPart(meta.generation, i) },
          ConsistentRead: true,
        }),
      );
      if (!Item) throw new Error(`dead letter ${meta.id} is missing its records part ${i}`);
      parts.push(Item.data as Uint8Array);
    }
    return JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8')) as DynamoDBRecord[];
  }

  private async deleteChunks(id: string, generation: number, chunks: number): Promise<void> {
    for (let i = 0; i < chunks; i++) {
      await this.document.send(
        new DeleteCommand({ TableName: this.deadLettersTable, Key: { id, part: chunkPart(generation, i) } }),
      );
    }
  }
}
