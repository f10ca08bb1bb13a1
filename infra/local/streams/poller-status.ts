// What a stream poller is given and what it tells: its options, counters and status.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionDeclaration } from '#infra/declaration/types.js';
import type { PlannedStreamMapping } from '#infra/local/plan.js';
import type { StreamStateStore } from './state-store.js';

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

export const noCounts = (): StreamPollerCounters => ({
  invocations: 0,
  recordsDelivered: 0,
  recordsFiltered: 0,
  failures: 0,
  retries: 0,
  bisections: 0,
  deadLettered: 0,
  checkpoints: 0,
});

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
