// One event source mapping (one function × one table's stream) run locally with the semantics of a
// Lambda event source mapping for DynamoDB Streams:
// - every shard, parents before children, one batch in flight per shard, in order;
// - a new mapping starts at TRIM_HORIZON or LATEST, a known one AFTER its checkpoint;
// - batches of up to `batchSize` records (and at most 6 MB, batching.ts), after waiting up to
//   `maxBatchingWindowSeconds` for a fuller one; records that match no filter are dropped;
// - each batch delivered as delivery.ts decides (partial responses, bisecting, retries with a short
//   exponential backoff, dead letters, record ages);
// - a checkpoint after each processed or dead-lettered batch.
// This class does the I/O: streams, invocations, the state store, timers.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionDeclaration } from '#infra/declaration/types.js';
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import { invoke as invokeInProcess } from '#infra/local/invoke.js';
import { compileFilters, type RecordFilter } from './filter-pattern.js';
import { runBatch } from './batch-outcome.js';
import { needsMore, takeBatch } from './batching.js';
import { afterInvocation, nextInvocation, startDelivery, type DeliveryEffect } from './delivery.js';
import { compareSequenceNumbers, recordCreatedAt, toLambdaRecord } from './lambda-record.js';
import type { StreamStateStore } from './state-store.js';

/** GetRecords returns at most 1000 records. */
const GET_RECORDS_LIMIT = 1000;

export type Invoker = (fn: FunctionDeclaration, event: DynamoDBStreamEvent) => Promise<unknown>;

export interface StreamPollerOptions {
  mapping: PlannedStreamMapping;
  /** The table's physical name. */
  tableName: string;
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  store: StreamStateStore;
  /** Unique per mapping; names its checkpoints and dead letters. Default `mappingName(mapping)`. */
  name?: string;
  /** Wait between reads of a shard that had nothing new. Default 50 ms. */
  pollIntervalMs?: number;
  /** First retry backoff, doubled per retry up to `maxBackoffMs`. Default 50 ms, at most 1000 ms. */
  retryBackoffMs?: number;
  maxBackoffMs?: number;
  /** Calls the function; default loads and invokes its handler in this process. */
  invoke?: Invoker;
  /** Clock for record ages and batching windows (ms since the epoch). */
  now?: () => number;
  log?: (line: string) => void;
}

export interface StreamPollerCounters {
  /** Function invocations, retries and bisected halves included. */
  invocations: number;
  /** Records handed to the function, counted once per delivery. */
  recordsDelivered: number;
  /** Records that matched no filter and were dropped. */
  recordsFiltered: number;
  /** Invocations that threw or reported failed records. */
  failures: number;
  retries: number;
  bisections: number;
  /** Records sent to the dead-letter store. */
  deadLettered: number;
  checkpoints: number;
}

export type PollerState = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

export interface ShardStatus {
  shardId: string;
  parentShardId?: string;
  checkpoint?: string;
  pending: number;
  finished: boolean;
}

export interface StreamPollerStatus {
  mapping: string;
  function: string;
  table: string;
  streamArn?: string;
  state: PollerState;
  counters: StreamPollerCounters;
  shards: ShardStatus[];
  /** The last problem reported (a failed read, a dead letter), if any. */
  lastError?: string;
}

export const mappingName = (mapping: Pick<PlannedStreamMapping, 'fn' | 'table'>): string =>
  `${mapping.fn.name}@${mapping.table}`;

interface Pending {
  record: DynamoDBRecord;
  sequenceNumber: string;
  createdAt: number;
  matched: boolean;
  bytes: number;
  readAt: number;
}

interface ShardState {
  id: string;
  parentId?: string;
  /** TRIM_HORIZON or LATEST when the shard has no checkpoint. */
  startAt: 'TRIM_HORIZON' | 'LATEST';
  checkpointLoaded: boolean;
  checkpoint?: string;
  iterator?: string;
  /** The shard is closed and everything in it has been read. */
  endReached: boolean;
  /** ...and processed. */
  finished: boolean;
  pending: Pending[];
  windowStartedAt?: number;
  /** The drain ticket current when the latest read that reached the shard's tip started. */
  tipTicket: number;
  /** The latest drain ticket by which everything up to the tip has been processed. */
  idleTicket: number;
  loop?: Promise<void>;
}

class Stopping extends Error {
  override name = 'Stopping';
}

export class StreamPoller {
  readonly name: string;
  readonly mapping: PlannedStreamMapping;
  readonly tableName: string;
  readonly counters: StreamPollerCounters = {
    invocations: 0,
    recordsDelivered: 0,
    recordsFiltered: 0,
    failures: 0,
    retries: 0,
    bisections: 0,
    deadLettered: 0,
    checkpoints: 0,
  };

  private readonly options: StreamPollerOptions;
  private readonly filter: RecordFilter;
  private readonly invoker: Invoker;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly pollInterval: number;
  private state: PollerState = 'new';
  private streamArn?: string;
  private shards = new Map<string, ShardState>();
  private newMapping = false;
  private refreshing?: Promise<void>;
  private starting?: Promise<void>;
  private ticket = 0;
  private readonly sleepers = new Set<{ wakeable: boolean; done: () => void }>();
  private readonly drainWaiters: { ticket: number; resolve: () => void }[] = [];
  private lastError?: string;

  constructor(options: StreamPollerOptions) {
    this.options = options;
    this.mapping = options.mapping;
    this.tableName = options.tableName;
    this.name = options.name ?? mappingName(options.mapping);
    // Compiled now: a bad pattern fails the start, as CreateEventSourceMapping would.
    this.filter = compileFilters(options.mapping.filters);
    this.invoker = options.invoke ?? ((fn, event) => invokeInProcess(fn, event));
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => console.warn(line));
    this.pollInterval = options.pollIntervalMs ?? 50;
  }

  /** Finds the stream and its shards, then polls in the background. */
  start(): Promise<void> {
    this.starting ??= this.begin();
    return this.starting;
  }

  private async begin(): Promise<void> {
    this.state = 'starting';
    try {
      await this.options.store.ensureTables();
      const { Table } = await this.options.dynamodb.send(
        new DescribeTableCommand({ TableName: this.tableName }),
      );
      if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled) {
        throw new Error(
          `${this.name}: table ${this.tableName} has no stream; declare one on table "${this.mapping.table}"`,
        );
      }
      this.streamArn = Table.LatestStreamArn;
      const known = await this.options.store.listCheckpoints(this.name);
      this.newMapping = !known.some((c) => c.streamArn === this.streamArn);
      this.state = 'running';
      await this.refreshShards();
    } catch (error) {
      this.state = 'stopped';
      throw error;
    }
  }

  /** Lets the batch in flight finish (and checkpoint), starts nothing new, then resolves. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    if (this.state === 'new') this.state = 'stopped';
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    this.wake(true);
    await this.refreshing?.catch(() => undefined);
    await Promise.all([...this.shards.values()].map((shard) => shard.loop));
    this.state = 'stopped';
    this.settleDrainWaiters();
  }

  /**
   * Resolves once every record in the stream when this was called has been processed, filtered out
   * or dead-lettered: each shard has, after the call, read up to its tip (a read that returned less
   * than GetRecords' limit; DynamoDB Local returns all it has) and processed all it read.
   * Resolves at once when the poller is not running; keeps waiting while a shard cannot be read.
   */
  async drained(): Promise<void> {
    if (this.state === 'starting') await this.starting?.catch(() => undefined);
    if (this.state !== 'running') return;
    const ticket = ++this.ticket;
    const done = new Promise<void>((resolve) => this.drainWaiters.push({ ticket, resolve }));
    await this.refreshShards().catch(() => undefined);
    this.wake();
    this.settleDrainWaiters();
    return done;
  }

  status(): StreamPollerStatus {
    return {
      mapping: this.name,
      function: this.mapping.fn.name,
      table: this.mapping.table,
      streamArn: this.streamArn,
      state: this.state,
      counters: { ...this.counters },
      shards: [...this.shards.values()].map((shard) => ({
        shardId: shard.id,
        ...(shard.parentId ? { parentShardId: shard.parentId } : {}),
        ...(shard.checkpoint ? { checkpoint: shard.checkpoint } : {}),
        pending: shard.pending.length,
        finished: shard.finished,
      })),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  // ---- shards ----

  private get running() {
    return this.state === 'running';
  }

  private refreshShards(): Promise<void> {
    this.refreshing ??= this.listShards()
      .then((shards) => {
        for (const shard of shards) {
          if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
          this.shards.set(shard.ShardId, {
            id: shard.ShardId,
            parentId: shard.ParentShardId,
            // LATEST applies to the shards there when the mapping is created; later ones are read whole.
            startAt:
              this.newMapping && this.mapping.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
            checkpointLoaded: false,
            endReached: false,
            finished: false,
            pending: [],
            tipTicket: 0,
            idleTicket: 0,
          });
        }
        this.newMapping = false;
        this.startReadyShards();
      })
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    return shards;
  }

  /** A shard starts once its parent is done (or gone from the stream): per-item order holds across a split. */
  private startReadyShards(): void {
    if (!this.running) return;
    for (const shard of this.shards.values()) {
      if (shard.loop || shard.finished) continue;
      const parent = shard.parentId ? this.shards.get(shard.parentId) : undefined;
      if (parent && !parent.finished) continue;
      shard.loop = this.runShard(shard);
    }
  }

  private async runShard(shard: ShardState): Promise<void> {
    let errorDelay = 100;
    while (this.running) {
      try {
        await this.pollOnce(shard);
        errorDelay = 100;
        if (shard.finished) {
          this.settleDrainWaiters();
          await this.refreshShards().catch((error: unknown) =>
            this.report(`listing shards failed: ${String(error)}`),
          );
          return;
        }
      } catch (error) {
        if (error instanceof Stopping || !this.running) return;
        // Start over from what is durable: the checkpoint. Nothing is in flight here.
        // DynamoDB Local now and then answers the first read of a fresh shard with TrimmedDataAccess;
        // the immediate retry from the checkpoint reads it. Said only when it happens again.
        const firstTrim = (error as Error).name === 'TrimmedDataAccessException' && errorDelay === 100;
        if (!firstTrim)
          this.report(`shard ${shard.id}: ${(error as Error).name}: ${(error as Error).message}`);
        shard.iterator = undefined;
        shard.pending = [];
        shard.windowStartedAt = undefined;
        shard.endReached = false;
        await this.sleep(errorDelay);
        errorDelay = Math.min(errorDelay * 2, 2000);
      }
    }
  }

  /** One read (when the next batch needs more records), the batches that are ready, then a pause if idle. */
  private async pollOnce(shard: ShardState): Promise<void> {
    if (!shard.iterator && !shard.endReached) await this.openIterator(shard);
    const ticket = this.ticket;
    let readEmpty = false;
    if (!shard.endReached && shard.iterator && this.needsMore(shard)) {
      const out = await this.options.streams.send(
        new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: GET_RECORDS_LIMIT }),
      );
      const readAt = this.now();
      for (const raw of out.Records ?? []) {
        const record = toLambdaRecord(raw, this.streamArn!);
        shard.pending.push({
          record,
          sequenceNumber: record.dynamodb!.SequenceNumber!,
          createdAt: recordCreatedAt(record),
          matched: this.filter(record),
          bytes: JSON.stringify(record).length,
          readAt,
        });
      }
      const read = out.Records?.length ?? 0;
      readEmpty = read === 0;
      if (read < GET_RECORDS_LIMIT) shard.tipTicket = ticket;
      shard.iterator = out.NextShardIterator;
      if (!out.NextShardIterator) shard.endReached = true;
    }
    const waitMs = await this.dispatch(shard);
    if (shard.pending.length === 0) {
      if (shard.endReached) {
        shard.finished = true;
        return;
      }
      // Everything read is processed, so is everything that was there when the tip was read.
      if (shard.tipTicket > shard.idleTicket) {
        shard.idleTicket = shard.tipTicket;
        this.settleDrainWaiters();
      }
    }
    if (readEmpty || waitMs !== undefined)
      await this.sleep(Math.min(this.pollInterval, waitMs ?? this.pollInterval));
  }

  private async openIterator(shard: ShardState): Promise<void> {
    if (!shard.checkpointLoaded) {
      const checkpoint = await this.options.store.getCheckpoint(this.name, shard.id);
      if (checkpoint && checkpoint.streamArn === this.streamArn) shard.checkpoint = checkpoint.sequenceNumber;
      shard.checkpointLoaded = true;
    }
    const iterator = async (
      type: 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' | 'LATEST',
      SequenceNumber?: string,
    ): Promise<string | undefined> =>
      (
        await this.options.streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.streamArn,
            ShardId: shard.id,
            ShardIteratorType: type,
            SequenceNumber,
          }),
        )
      ).ShardIterator;
    if (shard.checkpoint) {
      try {
        shard.iterator = await iterator('AFTER_SEQUENCE_NUMBER', shard.checkpoint);
      } catch (error) {
        if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
        this.report(
          `shard ${shard.id}: records after ${shard.checkpoint} were trimmed; reading from TRIM_HORIZON`,
        );
        shard.iterator = await iterator('TRIM_HORIZON');
      }
    } else {
      shard.iterator = await iterator(shard.startAt);
    }
    // A closed shard that was read to its end has no iterator.
    if (!shard.iterator) shard.endReached = true;
  }

  // ---- batching ----

  private needsMore(shard: ShardState): boolean {
    return needsMore(shard.pending, this.mapping.batchSize);
  }

  /** Runs every batch that is ready; returns how long to wait for a batching window, if one is open. */
  private async dispatch(shard: ShardState): Promise<number | undefined> {
    while (shard.pending.length > 0) {
      if (!this.running) throw new Stopping();
      const firstMatched = shard.pending.find((entry) => entry.matched);
      if (!firstMatched) {
        // Only records that match no filter: dropped, and the position moves past them.
        this.counters.recordsFiltered += shard.pending.length;
        await this.checkpoint(shard, shard.pending.at(-1)!.sequenceNumber);
        shard.pending = [];
        return undefined;
      }
      const full = !this.needsMore(shard) || shard.endReached;
      const window = this.mapping.maxBatchingWindowSeconds * 1000;
      if (!full && window > 0) {
        shard.windowStartedAt ??= firstMatched.readAt;
        const left = shard.windowStartedAt + window - this.now();
        if (left > 0) return left;
      }
      shard.windowStartedAt = undefined;
      const prefix = takeBatch(shard.pending, this.mapping.batchSize);
      const batch = prefix.filter((entry) => entry.matched);
      await this.deliver(shard, prefix, batch);
      this.counters.recordsFiltered += prefix.length - batch.length;
      await this.checkpoint(shard, prefix.at(-1)!.sequenceNumber);
      shard.pending.splice(0, prefix.length);
    }
    return undefined;
  }

  // ---- delivery ----

  /**
   * Delivers `batch` (the matching records of `prefix`) until each record has succeeded or been
   * dead-lettered, carrying out delivery.ts's steps: invocations, checkpoints, dead letters, backoffs.
   */
  private async deliver(shard: ShardState, prefix: Pending[], batch: Pending[]): Promise<void> {
    let delivery = startDelivery(prefix, batch);
    while (delivery.pieces.length > 0) {
      if (!this.running) throw new Stopping();
      const step = nextInvocation(delivery, this.now(), this.mapping);
      await this.carryOut(shard, step.effects);
      delivery = step.next;
      if (!step.invoke) continue;

      this.counters.invocations++;
      this.counters.recordsDelivered += step.invoke.length;
      const outcome = await runBatch(
        (event) => this.invoker(this.mapping.fn, event),
        step.invoke.map((entry) => entry.record),
      );
      if (outcome.kind !== 'success') this.counters.failures++;
      const after = afterInvocation(delivery, outcome, this.mapping);
      await this.carryOut(shard, after.effects);
      delivery = after.next;
    }
  }

  private async carryOut(shard: ShardState, effects: DeliveryEffect<Pending>[]): Promise<void> {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'checkpoint':
          await this.checkpoint(shard, effect.sequenceNumber);
          break;
        case 'dead-letter':
          await this.deadLetter(shard, effect);
          break;
        case 'bisect':
          this.counters.bisections++;
          break;
        case 'retry':
          this.counters.retries++;
          await this.backoff(effect.retry);
          break;
      }
    }
  }

  private async deadLetter(
    shard: ShardState,
    { records: entries, condition, reason, attempts }: DeliveryEffect<Pending> & { kind: 'dead-letter' },
  ): Promise<void> {
    await this.options.store.addDeadLetter({
      mapping: this.name,
      function: this.mapping.fn.name,
      table: this.mapping.table,
      streamArn: this.streamArn!,
      shardId: shard.id,
      condition,
      reason,
      attempts,
      records: entries.map((entry) => entry.record),
    });
    this.counters.deadLettered += entries.length;
    this.report(
      `${entries.length} record(s) dead-lettered (${condition} after ${attempts} attempt(s)): ${reason.errorType ? `${reason.errorType}: ` : ''}${reason.message}`,
    );
  }

  private async backoff(retry: number): Promise<void> {
    const base = this.options.retryBackoffMs ?? 50;
    await this.sleep(Math.min(base * 2 ** (retry - 1), this.options.maxBackoffMs ?? 1000), false);
    if (!this.running) throw new Stopping();
  }

  // ---- checkpoints ----

  private async checkpoint(shard: ShardState, sequenceNumber: string): Promise<void> {
    if (shard.checkpoint && compareSequenceNumbers(sequenceNumber, shard.checkpoint) <= 0) return;
    await this.options.store.putCheckpoint({
      mapping: this.name,
      shardId: shard.id,
      streamArn: this.streamArn!,
      sequenceNumber,
    });
    shard.checkpoint = sequenceNumber;
    this.counters.checkpoints++;
  }

  // ---- waiting ----

  /** A pause that `wake()` ends early (idle polls); a backoff (`wakeable` false) ends early only on stop. */
  private sleep(ms: number, wakeable = true): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = {
        wakeable,
        done: () => {
          clearTimeout(timer);
          this.sleepers.delete(sleeper);
          resolve();
        },
      };
      const timer = setTimeout(sleeper.done, ms);
      this.sleepers.add(sleeper);
    });
  }

  /** Ends the idle pauses now (a drain wants an answer soon); `all` ends backoffs too (a stop). */
  private wake(all = false): void {
    for (const sleeper of [...this.sleepers]) if (all || sleeper.wakeable) sleeper.done();
  }

  private settleDrainWaiters(): void {
    const stopped = this.state === 'stopped' || this.state === 'stopping';
    const shards = [...this.shards.values()];
    for (let i = this.drainWaiters.length - 1; i >= 0; i--) {
      const waiter = this.drainWaiters[i]!;
      if (stopped || shards.every((shard) => shard.finished || shard.idleTicket >= waiter.ticket)) {
        this.drainWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private report(line: string): void {
    // The same failure repeating (DynamoDB Local gone, say) is reported once until something changes.
    if (line === this.lastError) return;
    this.lastError = line;
    this.log(`stream ${this.name}: ${line}`);
  }
}
