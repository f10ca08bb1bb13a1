// The local runtime's event source mappings: one StreamPoller per planned stream mapping, sharing one
// state store (checkpoints, dead letters), with a combined drain, stop, status and dead-letter replay.
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import { invoke as invokeInProcess } from '#infra/local/invoke.js';
import {
  mappingName,
  StreamPoller,
  type Invoker,
  type StreamPollerOptions,
  type StreamPollerStatus,
} from './poller.js';
import {
  StreamStateStore,
  type Checkpoint,
  type DeadLetter,
  type DeadLetterSummary,
  type ReplayOutcome,
} from './state-store.js';

export { StreamPoller, mappingName } from './poller.js';
export type { StreamPollerCounters, StreamPollerOptions, StreamPollerStatus, Invoker } from './poller.js';
export { StreamStateStore } from './state-store.js';
export type {
  Checkpoint,
  DeadLetter,
  DeadLetterSummary,
  ReplayOutcome,
  FailureCondition,
} from './state-store.js';
export { compileFilters, compilePattern, InvalidFilterPattern } from './filter-pattern.js';
export type { FailureReason } from '#shared/dead-letters/batch-outcome.js';

/** Clients and tuning are as for one poller (`StreamPollerOptions`). */
export interface StartStreamPollersOptions extends Pick<
  StreamPollerOptions,
  'dynamodb' | 'streams' | 'pollIntervalMs' | 'retryBackoffMs' | 'maxBackoffMs' | 'invoke' | 'now' | 'log'
> {
  mappings: PlannedStreamMapping[];
  /** Logical table id → physical name. */
  tableName: (tableId: string) => string;
  /** Table prefix: the state tables are `${prefix}local-checkpoints` and `${prefix}local-dead-letters`. */
  prefix: string;
  /** Poll the streams (default true); when false the store still answers status and replays. */
  enabled?: boolean;
}

export interface StreamMappingStatus extends StreamPollerStatus {
  enabled: boolean;
  /** Durable checkpoints of this mapping, per shard. */
  checkpoints: Pick<Checkpoint, 'shardId' | 'sequenceNumber' | 'updatedAt'>[];
  /** Dead letters waiting for this mapping. */
  deadLetters: number;
}

export interface LocalStreams {
  readonly pollers: StreamPoller[];
  readonly store: StreamStateStore;
  status(): Promise<StreamMappingStatus[]>;
  deadLetters(): Promise<DeadLetterSummary[]>;
  deadLetter(id: string): Promise<DeadLetter | undefined>;
  /** Re-invokes the dead letter's function with its records; removes it when that succeeds. */
  replay(id: string): Promise<ReplayOutcome>;
  /** Resolves when every stream has been processed up to where it was when called (or dead-lettered). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** Mapping names are `function@table`; a second mapping of the same pair gets `#2`, and so on. */
const uniqueNames = (mappings: PlannedStreamMapping[]): string[] => {
  const seen = new Map<string, number>();
  return mappings.map((mapping) => {
    const base = mappingName(mapping);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  });
};

export const startStreamPollers = async (options: StartStreamPollersOptions): Promise<LocalStreams> => {
  const enabled = options.enabled !== false;
  const store = new StreamStateStore({ client: options.dynamodb, prefix: options.prefix });
  await store.ensureTables();
  const invoker: Invoker = options.invoke ?? ((fn, event) => invokeInProcess(fn, event));
  const names = uniqueNames(options.mappings);
  const pollers = options.mappings.map(
    (mapping, i) =>
      new StreamPoller({
        mapping,
        name: names[i],
        tableName: options.tableName(mapping.table),
        dynamodb: options.dynamodb,
        streams: options.streams,
        store,
        pollIntervalMs: options.pollIntervalMs,
        retryBackoffMs: options.retryBackoffMs,
        maxBackoffMs: options.maxBackoffMs,
        invoke: invoker,
        now: options.now,
        log: options.log,
      }),
  );
  if (enabled) {
    try {
      await Promise.all(pollers.map((poller) => poller.start()));
    } catch (error) {
      await Promise.all(pollers.map((poller) => poller.stop()));
      throw error;
    }
  }

  const byName = new Map(pollers.map((poller) => [poller.name, poller]));
  return {
    pollers,
    store,
    async status() {
      const [checkpoints, letters] = await Promise.all([store.listCheckpoints(), store.listDeadLetters()]);
      return pollers.map((poller) => ({
        ...poller.status(),
        enabled,
        checkpoints: checkpoints
          .filter((c) => c.mapping === poller.name)
          .map(({ shardId, sequenceNumber, updatedAt }) => ({ shardId, sequenceNumber, updatedAt })),
        deadLetters: letters.filter((letter) => letter.mapping === poller.name).length,
      }));
    },
    deadLetters: () => store.listDeadLetters(),
    deadLetter: (id) => store.getDeadLetter(id),
    replay: (id) =>
      store.replayDeadLetter(id, (letter, event) => {
        const fn =
          byName.get(letter.mapping)?.mapping.fn ??
          options.mappings.find((mapping) => mapping.fn.name === letter.function)?.fn;
        if (!fn)
          throw new Error(`no function ${letter.function} in this runtime to replay ${letter.id} with`);
        return invoker(fn, event);
      }),
    drained: () => Promise.all(pollers.map((poller) => poller.drained())).then(() => undefined),
    stop: () => Promise.all(pollers.map((poller) => poller.stop())).then(() => undefined),
  };
};
