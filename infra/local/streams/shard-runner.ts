// One shard of a stream mapping, run as an event source mapping runs it: reads (when the next batch
// wants more records), batches started as shard-schedule.ts allows (up to `parallelizationFactor` in
// flight, one batch per item key at a time), each delivered through batch-runner.ts, and the
// checkpoint moved past the records done from the first on, one write at a time. A failure (a read,
// the state store) lets the batches in flight finish, then starts over from the checkpoint.
import type { DynamoDBRecord } from 'aws-lambda';
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import type { RecordFilter } from './filter-pattern.js';
import { runBatch } from '#shared/dead-letters/batch-outcome.js';
import { runBatchDelivery, Stopping, type DeadLetterEffect } from './batch-runner.js';
import { compareSequenceNumbers } from '#shared/dead-letters/sequence-numbers.js';
import { itemKeyOf, recordCreatedAt } from '#shared/stream/lambda-record.js';
import type { Invoker, ShardStatus, StreamPollerCounters, StreamPollerOptions } from './poller-status.js';
import { GET_RECORDS_LIMIT, openIterator, readRecords } from './shard-reader.js';
import {
  donePrefix,
  doneThrough,
  nextBatch,
  stateWhenRead,
  wantsMore,
  type Scheduled,
} from './shard-schedule.js';

/** What a shard is given by its poller: the mapping, its clients, clock, counters and pauses. */
export interface ShardContext {
  name: string;
  mapping: PlannedStreamMapping;
  streamArn: string;
  options: Pick<StreamPollerOptions, 'streams' | 'store' | 'retryBackoffMs' | 'maxBackoffMs'>;
  filter: RecordFilter;
  invoker: Invoker;
  now: () => number;
  counters: StreamPollerCounters;
  pollInterval: number;
  running(): boolean;
  sleep(ms: number, wakeable?: boolean): Promise<void>;
  report(line: string): void;
  /** The poller's latest drain ticket. */
  ticket(): number;
  /** Everything up to a tip is processed: drains may be over. */
  idle(): void;
  /** The shard is read to its end and processed: its children may start. */
  finished(): Promise<void>;
}

interface Pending extends Scheduled {
  record: DynamoDBRecord;
  createdAt: number;
}

interface Batch {
  records: Pending[];
  done: Promise<void>;
}

export class ShardRunner {
  private checkpointLoaded = false;
  private checkpoint?: string;
  private iterator?: string;
  /** The shard is closed and everything in it has been read. */
  private endReached = false;
  /** ...and processed. */
  finished = false;
  /** Read and not yet checkpointed past, in shard order: waiting, in a batch, or done. */
  private pending: Pending[] = [];
  private readonly batches = new Set<Batch>();
  /** What a batch failed with (the state store, say): the shard starts over from its checkpoint. */
  private failure?: unknown;
  /** Checkpoint writes, one after another. */
  private writing: Promise<void> = Promise.resolve();
  /** The drain ticket current when the latest read that reached the shard's tip started. */
  private tipTicket = 0;
  /** The latest drain ticket by which everything up to the tip has been processed. */
  idleTicket = 0;
  loop?: Promise<void>;

  constructor(
    private readonly ctx: ShardContext,
    readonly id: string,
    readonly parentId: string | undefined,
    /** TRIM_HORIZON or LATEST when the shard has no checkpoint. */
    private readonly startAt: 'TRIM_HORIZON' | 'LATEST',
  ) {}

  status(): ShardStatus {
    return {
      shardId: this.id,
      ...(this.parentId ? { parentShardId: this.parentId } : {}),
      ...(this.checkpoint ? { checkpoint: this.checkpoint } : {}),
      pending: this.pending.length,
      finished: this.finished,
    };
  }

  start(): void {
    this.loop ??= this.run();
  }

  private async run(): Promise<void> {
    let errorDelay = 100;
    while (this.ctx.running()) {
      try {
        await this.pollOnce();
        errorDelay = 100;
        if (this.finished) return await this.ctx.finished();
      } catch (error) {
        // The batches in flight finish (or stop) first, so what is durable is all there is: the checkpoint.
        await this.settleBatches();
        if (error instanceof Stopping || !this.ctx.running()) return;
        // DynamoDB Local now and then answers the first read of a fresh shard with TrimmedDataAccess;
        // the immediate retry from the checkpoint reads it. Said only when it happens again.
        const firstTrim = (error as Error).name === 'TrimmedDataAccessException' && errorDelay === 100;
        if (!firstTrim)
          this.ctx.report(`shard ${this.id}: ${(error as Error).name}: ${(error as Error).message}`);
        this.iterator = undefined;
        this.pending = [];
        this.failure = undefined;
        this.endReached = false;
        await this.ctx.sleep(errorDelay);
        errorDelay = Math.min(errorDelay * 2, 2000);
      }
    }
    await this.settleBatches();
  }

  private async settleBatches(): Promise<void> {
    await Promise.all([...this.batches].map((batch) => batch.done));
    await this.writing.catch(() => undefined);
  }

  /** A read (when more records are wanted), the batches that can start, then a wait for progress. */
  private async pollOnce(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.iterator && !this.endReached) await this.openIterator();
    const ticket = this.ctx.ticket();
    const { batchSize } = this.ctx.mapping;
    let readEmpty = false;
    if (!this.endReached && this.iterator && wantsMore(this.pending, batchSize)) {
      readEmpty = (await this.read(this.iterator, ticket)) === 0;
    }
    await this.advanceCheckpoint(); // past records that match no filter
    const waitMs = this.startBatches();
    if (this.pending.length === 0 && this.batches.size === 0) {
      if (this.endReached) {
        this.finished = true;
        return;
      }
      // Everything read is processed, so is everything that was there when the tip was read.
      if (this.tipTicket > this.idleTicket) {
        this.idleTicket = this.tipTicket;
        this.ctx.idle();
      }
    }
    const { pollInterval } = this.ctx;
    if (this.batches.size > 0 && (readEmpty || this.endReached || !wantsMore(this.pending, batchSize))) {
      // Until a batch finishes, a window closes, or (when reads came up empty) it is time to look again.
      const ms = readEmpty ? Math.min(pollInterval, waitMs ?? pollInterval) : waitMs;
      await Promise.race([
        ...[...this.batches].map((batch) => batch.done),
        ...(ms === undefined ? [] : [this.ctx.sleep(ms)]),
      ]);
    } else if (this.batches.size === 0 && (readEmpty || waitMs !== undefined)) {
      await this.ctx.sleep(Math.min(pollInterval, waitMs ?? pollInterval));
    }
    if (this.failure) throw this.failure;
  }

  /** Reads a page into `pending`; returns how many records it held. */
  private async read(iterator: string, ticket: number): Promise<number> {
    const { records, next } = await readRecords(this.ctx.options.streams, this.ctx.streamArn, iterator);
    const readAt = this.ctx.now();
    for (const record of records) {
      const matched = this.ctx.filter(record);
      this.pending.push({
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
    if (records.length < GET_RECORDS_LIMIT) this.tipTicket = ticket;
    this.iterator = next;
    if (!next) this.endReached = true;
    return records.length;
  }

  private async openIterator(): Promise<void> {
    const { store, streams } = this.ctx.options;
    if (!this.checkpointLoaded) {
      const checkpoint = await store.getCheckpoint(this.ctx.name, this.id);
      if (checkpoint && checkpoint.streamArn === this.ctx.streamArn)
        this.checkpoint = checkpoint.sequenceNumber;
      this.checkpointLoaded = true;
    }
    this.iterator = await openIterator(
      streams,
      { streamArn: this.ctx.streamArn, shardId: this.id, checkpoint: this.checkpoint, startAt: this.startAt },
      (line) => this.ctx.report(line),
    );
    // A closed shard that was read to its end has no iterator.
    if (!this.iterator) this.endReached = true;
  }

  /** Starts every batch that can start now; returns how long a batching window stays open, if one is. */
  private startBatches(): number | undefined {
    const { mapping } = this.ctx;
    const limits = {
      batchSize: mapping.batchSize,
      parallelizationFactor: mapping.parallelizationFactor ?? 1,
      windowMs: mapping.maxBatchingWindowSeconds * 1000,
    };
    for (;;) {
      if (!this.ctx.running()) throw new Stopping();
      const busyKeys = new Set([...this.batches].flatMap((batch) => batch.records.map((r) => r.key)));
      const moment = {
        inFlight: this.batches.size,
        busyKeys,
        endReached: this.endReached,
        now: this.ctx.now(),
      };
      const next = nextBatch(this.pending, limits, moment);
      if (next.kind === 'none') return undefined;
      if (next.kind === 'wait') return next.ms;
      for (const record of next.records) record.state = 'in-flight';
      const batch: Batch = { records: next.records, done: Promise.resolve() };
      batch.done = this.deliver(batch.records)
        .catch((error: unknown) => {
          if (!(error instanceof Stopping)) this.failure ??= error;
        })
        .finally(() => this.batches.delete(batch));
      this.batches.add(batch);
    }
  }

  /** Delivers a batch until each record has succeeded or been dead-lettered (batch-runner.ts). */
  private async deliver(batch: Pending[]): Promise<void> {
    const { mapping, options } = this.ctx;
    await runBatchDelivery(batch, mapping, {
      running: () => this.ctx.running(),
      now: this.ctx.now,
      counters: this.ctx.counters,
      invoke: (records) =>
        runBatch(
          (event) => this.ctx.invoker(mapping.fn, event),
          records.map((entry) => entry.record),
        ),
      doneThrough: async (sequenceNumber) => {
        for (const record of doneThrough(batch, sequenceNumber)) record.state = 'done';
        await this.advanceCheckpoint();
      },
      deadLetter: (effect) => this.deadLetter(effect),
      backoff: (retry) => {
        const base = options.retryBackoffMs ?? 50;
        return this.ctx.sleep(Math.min(base * 2 ** (retry - 1), options.maxBackoffMs ?? 1000), false);
      },
    });
  }

  private async deadLetter({
    records: entries,
    condition,
    reason,
    attempts,
  }: DeadLetterEffect<Pending>): Promise<void> {
    const { mapping } = this.ctx;
    await this.ctx.options.store.addDeadLetter({
      mapping: this.ctx.name,
      function: mapping.fn.name,
      table: mapping.table,
      streamArn: this.ctx.streamArn,
      shardId: this.id,
      condition,
      reason,
      attempts,
      records: entries.map((entry) => entry.record),
    });
    this.ctx.counters.deadLettered += entries.length;
    this.ctx.report(
      `${entries.length} record(s) dead-lettered (${condition} after ${attempts} attempt(s)): ${reason.errorType ? `${reason.errorType}: ` : ''}${reason.message}`,
    );
  }

  /** Moves the checkpoint past the records done from the first on (one write at a time) and lets them go. */
  private advanceCheckpoint(): Promise<void> {
    const write = async () => {
      const { count, sequenceNumber } = donePrefix(this.pending);
      if (count === 0) return;
      if (!this.checkpoint || compareSequenceNumbers(sequenceNumber!, this.checkpoint) > 0) {
        await this.ctx.options.store.putCheckpoint({
          mapping: this.ctx.name,
          shardId: this.id,
          streamArn: this.ctx.streamArn,
          sequenceNumber: sequenceNumber!,
        });
        this.checkpoint = sequenceNumber;
        this.ctx.counters.checkpoints++;
      }
      const passed = this.pending.splice(0, count);
      this.ctx.counters.recordsFiltered += passed.filter((record) => !record.matched).length;
    };
    this.writing = this.writing.catch(() => undefined).then(write);
    return this.writing;
  }
}
