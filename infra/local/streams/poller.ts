// One event source mapping (one function × one table's stream) run locally with the semantics of a
// Lambda event source mapping for DynamoDB Streams:
// - every shard, parents before children; up to `parallelizationFactor` batches of a shard in flight
//   at once, records of one item in stream order (shard-schedule.ts decides which go together);
// - a new mapping starts at TRIM_HORIZON or LATEST, a known one AFTER its checkpoint;
// - batches of up to `batchSize` records (and at most 6 MB, batching.ts), after waiting up to
//   `maxBatchingWindowSeconds` for a fuller one; records that match no filter are dropped;
// - each batch delivered as delivery.ts decides (partial responses, bisecting, retries with a short
//   exponential backoff, dead letters, record ages);
// - the checkpoint moves past a record once it and every earlier record of the shard are done.
// This class does the I/O: streams, invocations, the state store, timers.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import { invoke as invokeInProcess } from '#infra/local/invoke.js';
import { compileFilters, type RecordFilter } from './filter-pattern.js';
import { runBatch } from './batch-outcome.js';
import { runBatchDelivery, Stopping, type DeadLetterEffect } from './batch-runner.js';
import { compareSequenceNumbers, itemKeyOf, recordCreatedAt } from './lambda-record.js';
import { Pauses } from './pauses.js';
import {
  mappingName,
  noCounts,
  type Invoker,
  type PollerState,
  type StreamPollerOptions,
  type StreamPollerStatus,
} from './poller-status.js';
import { GET_RECORDS_LIMIT, listShards, openIterator, readRecords } from './shard-reader.js';
import {
  donePrefix,
  doneThrough,
  nextBatch,
  stateWhenRead,
  wantsMore,
  type Scheduled,
} from './shard-schedule.js';

export { mappingName } from './poller-status.js';
export type {
  Invoker,
  PollerState,
  ShardStatus,
  StreamPollerCounters,
  StreamPollerOptions,
  StreamPollerStatus,
} from './poller-status.js';

interface Pending extends Scheduled {
  record: DynamoDBRecord;
  createdAt: number;
}

interface Batch {
  records: Pending[];
  done: Promise<void>;
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
  /** Read and not yet checkpointed past, in shard order: waiting, in a batch, or done. */
  pending: Pending[];
  batches: Set<Batch>;
  /** What a batch failed with (the state store, say): the shard starts over from its checkpoint. */
  failure?: unknown;
  /** Checkpoint writes, one after another. */
  writing: Promise<void>;
  /** The drain ticket current when the latest read that reached the shard's tip started. */
  tipTicket: number;
  /** The latest drain ticket by which everything up to the tip has been processed. */
  idleTicket: number;
  loop?: Promise<void>;
}

export class StreamPoller {
  readonly name: string;
  readonly mapping: PlannedStreamMapping;
  readonly tableName: string;
  readonly counters = noCounts();

  private readonly options: StreamPollerOptions;
  private readonly filter: RecordFilter;
  private readonly invoker: Invoker;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly pollInterval: number;
  private readonly pauses = new Pauses();
  private state: PollerState = 'new';
  private streamArn?: string;
  private shards = new Map<string, ShardState>();
  private newMapping = false;
  private refreshing?: Promise<void>;
  private starting?: Promise<void>;
  private ticket = 0;
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

  /** Lets the batches in flight finish (and checkpoint), starts nothing new, then resolves. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    if (this.state === 'new') this.state = 'stopped';
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    this.pauses.wake(true);
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
    this.pauses.wake();
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
    this.refreshing ??= listShards(this.options.streams, this.streamArn!)
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
            batches: new Set(),
            writing: Promise.resolve(),
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
        // The batches in flight finish (or stop) first, so what is durable is all there is: the checkpoint.
        await this.settleBatches(shard);
        if (error instanceof Stopping || !this.running) return;
        // DynamoDB Local now and then answers the first read of a fresh shard with TrimmedDataAccess;
        // the immediate retry from the checkpoint reads it. Said only when it happens again.
        const firstTrim = (error as Error).name === 'TrimmedDataAccessException' && errorDelay === 100;
        if (!firstTrim)
          this.report(`shard ${shard.id}: ${(error as Error).name}: ${(error as Error).message}`);
        shard.iterator = undefined;
        shard.pending = [];
        shard.failure = undefined;
        shard.endReached = false;
        await this.sleep(errorDelay);
        errorDelay = Math.min(errorDelay * 2, 2000);
      }
    }
    await this.settleBatches(shard);
  }

  private async settleBatches(shard: ShardState): Promise<void> {
    await Promise.all([...shard.batches].map((batch) => batch.done));
    await shard.writing.catch(() => undefined);
  }

  /** A read (when more records are wanted), the batches that can start, then a wait for progress. */
  private async pollOnce(shard: ShardState): Promise<void> {
    if (shard.failure) throw shard.failure;
    if (!shard.iterator && !shard.endReached) await this.openIterator(shard);
    const ticket = this.ticket;
    let readEmpty = false;
    if (!shard.endReached && shard.iterator && wantsMore(shard.pending, this.mapping.batchSize)) {
      const { records, next } = await readRecords(this.options.streams, this.streamArn!, shard.iterator);
      const readAt = this.now();
      for (const record of records) {
        const matched = this.filter(record);
        shard.pending.push({
          record,
          key: itemKeyOf(record),
          sequenceNumber: record.dynamodb!.SequenceNumber!,
          createdAt: recordCreatedAt(record),
          matched,
          state: stateWhenRead(matched),
          bytes: JSON.stringify(record).length,
          readAt,
        });
      }
      readEmpty = records.length === 0;
      if (records.length < GET_RECORDS_LIMIT) shard.tipTicket = ticket;
      shard.iterator = next;
      if (!next) shard.endReached = true;
    }
    await this.advanceCheckpoint(shard); // past records that match no filter
    const waitMs = this.startBatches(shard);
    if (shard.pending.length === 0 && shard.batches.size === 0) {
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
    const readMore = !readEmpty && !shard.endReached && wantsMore(shard.pending, this.mapping.batchSize);
    if (shard.batches.size > 0 && !readMore) {
      // Until a batch finishes, a window closes, or (when reads came up empty) it is time to look again.
      const ms = readEmpty ? Math.min(this.pollInterval, waitMs ?? this.pollInterval) : waitMs;
      await Promise.race([
        ...[...shard.batches].map((batch) => batch.done),
        ...(ms === undefined ? [] : [this.sleep(ms)]),
      ]);
    } else if (shard.batches.size === 0 && (readEmpty || waitMs !== undefined)) {
      await this.sleep(Math.min(this.pollInterval, waitMs ?? this.pollInterval));
    }
    if (shard.failure) throw shard.failure;
  }

  private async openIterator(shard: ShardState): Promise<void> {
    if (!shard.checkpointLoaded) {
      const checkpoint = await this.options.store.getCheckpoint(this.name, shard.id);
      if (checkpoint && checkpoint.streamArn === this.streamArn) shard.checkpoint = checkpoint.sequenceNumber;
      shard.checkpointLoaded = true;
    }
    shard.iterator = await openIterator(
      this.options.streams,
      { streamArn: this.streamArn!, shardId: shard.id, checkpoint: shard.checkpoint, startAt: shard.startAt },
      (line) => this.report(line),
    );
    // A closed shard that was read to its end has no iterator.
    if (!shard.iterator) shard.endReached = true;
  }

  // ---- batches ----

  /** Starts every batch that can start now; returns how long a batching window stays open, if one is. */
  private startBatches(shard: ShardState): number | undefined {
    const limits = {
      batchSize: this.mapping.batchSize,
      parallelizationFactor: this.mapping.parallelizationFactor ?? 1,
      windowMs: this.mapping.maxBatchingWindowSeconds * 1000,
    };
    for (;;) {
      if (!this.running) throw new Stopping();
      const busyKeys = new Set([...shard.batches].flatMap((batch) => batch.records.map((r) => r.key)));
      const moment = {
        inFlight: shard.batches.size,
        busyKeys,
        endReached: shard.endReached,
        now: this.now(),
      };
      const next = nextBatch(shard.pending, limits, moment);
      if (next.kind === 'none') return undefined;
      if (next.kind === 'wait') return next.ms;
      for (const record of next.records) record.state = 'in-flight';
      const batch: Batch = { records: next.records, done: Promise.resolve() };
      batch.done = this.deliver(shard, batch.records)
        .catch((error: unknown) => {
          if (!(error instanceof Stopping)) shard.failure ??= error;
        })
        .finally(() => shard.batches.delete(batch));
      shard.batches.add(batch);
    }
  }

  /** Delivers a batch until each record has succeeded or been dead-lettered (batch-runner.ts). */
  private async deliver(shard: ShardState, batch: Pending[]): Promise<void> {
    await runBatchDelivery(batch, this.mapping, {
      running: () => this.running,
      now: this.now,
      counters: this.counters,
      invoke: (records) =>
        runBatch(
          (event) => this.invoker(this.mapping.fn, event),
          records.map((entry) => entry.record),
        ),
      doneThrough: async (sequenceNumber) => {
        for (const record of doneThrough(batch, sequenceNumber)) record.state = 'done';
        await this.advanceCheckpoint(shard);
      },
      deadLetter: (effect) => this.deadLetter(shard, effect),
      backoff: (retry) => {
        const base = this.options.retryBackoffMs ?? 50;
        return this.sleep(Math.min(base * 2 ** (retry - 1), this.options.maxBackoffMs ?? 1000), false);
      },
    });
  }

  private async deadLetter(
    shard: ShardState,
    { records: entries, condition, reason, attempts }: DeadLetterEffect<Pending>,
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

  // ---- checkpoints ----

  /** Moves the checkpoint past the records done from the first on (one write at a time) and lets them go. */
  private advanceCheckpoint(shard: ShardState): Promise<void> {
    const write = async () => {
      const { count, sequenceNumber } = donePrefix(shard.pending);
      if (count === 0) return;
      if (!shard.checkpoint || compareSequenceNumbers(sequenceNumber!, shard.checkpoint) > 0) {
        await this.options.store.putCheckpoint({
          mapping: this.name,
          shardId: shard.id,
          streamArn: this.streamArn!,
          sequenceNumber: sequenceNumber!,
        });
        shard.checkpoint = sequenceNumber;
        this.counters.checkpoints++;
      }
      const passed = shard.pending.splice(0, count);
      this.counters.recordsFiltered += passed.filter((record) => !record.matched).length;
    };
    shard.writing = shard.writing.catch(() => undefined).then(write);
    return shard.writing;
  }

  // ---- waiting ----

  private sleep(ms: number, wakeable = true): Promise<void> {
    return this.running ? this.pauses.sleep(ms, wakeable) : Promise.resolve();
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
