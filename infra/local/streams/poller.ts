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
// This class finds the stream and its shards, starts each shard (shard-runner.ts: reads, batches,
// checkpoints) once its parent is done, and answers drains, stops and status.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import { invoke as invokeInProcess } from '#infra/local/invoke.js';
import { compileFilters, type RecordFilter } from './filter-pattern.js';
import { Pauses } from './pauses.js';
import {
  mappingName,
  noCounts,
  type Invoker,
  type PollerState,
  type StreamPollerOptions,
  type StreamPollerStatus,
} from './poller-status.js';
import { listShards } from './shard-reader.js';
import { ShardRunner, type ShardContext } from './shard-runner.js';

export { mappingName } from './poller-status.js';
export type {
  Invoker,
  PollerState,
  ShardStatus,
  StreamPollerCounters,
  StreamPollerOptions,
  StreamPollerStatus,
} from './poller-status.js';

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
  private shards = new Map<string, ShardRunner>();
  private context?: ShardContext;
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
      shards: [...this.shards.values()].map((shard) => shard.status()),
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
          // LATEST applies to the shards there when the mapping is created; later ones are read whole.
          const startAt =
            this.newMapping && this.mapping.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON';
          this.shards.set(
            shard.ShardId,
            new ShardRunner(this.shardContext(), shard.ShardId, shard.ParentShardId, startAt),
          );
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
      shard.start();
    }
  }

  /** What each shard runs with: this mapping, its clients, clock, counters and pauses. */
  private shardContext(): ShardContext {
    this.context ??= {
      name: this.name,
      mapping: this.mapping,
      streamArn: this.streamArn!,
      options: this.options,
      filter: this.filter,
      invoker: this.invoker,
      now: this.now,
      counters: this.counters,
      pollInterval: this.pollInterval,
      running: () => this.running,
      sleep: (ms, wakeable) => this.sleep(ms, wakeable),
      report: (line) => this.report(line),
      ticket: () => this.ticket,
      idle: () => this.settleDrainWaiters(),
      finished: async () => {
        this.settleDrainWaiters();
        await this.refreshShards().catch((error: unknown) =>
          this.report(`listing shards failed: ${String(error)}`),
        );
      },
    };
    return this.context;
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
