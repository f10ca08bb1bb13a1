// Stream consumers the bench runs itself, one pipeline at a time: the runtime is started without its
// pollers, and each pipeline starts only its own mappings (from LATEST, with a state store of its own,
// so what earlier pipelines wrote is not replayed), through the runtime's own poller code — whatever
// the poller and the handlers do (parallelizationFactor, per-key concurrency) is what is measured.
// Each invocation that returns marks its records done in an effect log: "effect" is the moment the
// function finished the batch holding the record (every write of it made), per record key.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { invoke as invokeInProcess } from '#infra/local/invoke.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { startStreamPollers, type Invoker, type LocalStreams } from '#infra/local/streams/index.js';

/** The key a record is known by in the effect log (its transaction id, registration ref, customer id). */
export type RecordKey = (record: DynamoDBRecord) => string | undefined;

export class EffectLog {
  private readonly done = new Map<string, number>();
  private waiters: { remaining: Set<string>; resolve: () => void }[] = [];

  mark(key: string, at: number): void {
    if (this.done.has(key)) return;
    this.done.set(key, at);
    this.waiters = this.waiters.filter((w) => {
      w.remaining.delete(key);
      if (w.remaining.size > 0) return true;
      w.resolve();
      return false;
    });
  }

  at(key: string): number | undefined {
    return this.done.get(key);
  }

  /** Resolves true when every key has its effect, false at the deadline (performance.now() ms). */
  waitFor(keys: readonly string[], deadline: number): Promise<boolean> {
    const remaining = new Set(keys.filter((k) => !this.done.has(k)));
    if (remaining.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        remaining,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(
        () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        },
        Math.max(0, deadline - performance.now()),
      );
      this.waiters.push(waiter);
    });
  }
}

export interface Consumers {
  readonly effects: EffectLog;
  readonly streams: LocalStreams;
  stop(): Promise<void>;
}

export interface ConsumerSpec {
  /** The functions whose stream mappings run. */
  functions: readonly string[];
  /** Names the state store: consumers started again with the same name resume at their checkpoints. */
  storeName: string;
  keyOf: RecordKey;
  /** Runs each invocation inside this (the capacity meter names the consumer with it). */
  around?: (fn: string, run: () => Promise<unknown>) => Promise<unknown>;
}

export const benchClients = (runtime: LocalRuntime) => {
  const config = {
    endpoint: runtime.dynamoEndpoint,
    region: process.env.AWS_REGION ?? 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  return { dynamodb: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
};

export const startConsumers = async (
  runtime: LocalRuntime,
  clients: ReturnType<typeof benchClients>,
  spec: ConsumerSpec,
  effects = new EffectLog(),
): Promise<Consumers> => {
  const mappings = runtime.plan.streamMappings
    .filter((m) => spec.functions.includes(m.fn.name))
    .map((m) => ({ ...m, startingPosition: 'LATEST' as const }));
  const missing = spec.functions.filter((name) => !mappings.some((m) => m.fn.name === name));
  if (missing.length) throw new Error(`no stream mapping for ${missing.join(', ')}`);
  const invoke: Invoker = async (fn, event) => {
    const call = () => invokeInProcess(fn, event);
    const result = (await (spec.around ? spec.around(fn.name, call) : call())) as
      { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
    const failed = new Set(result?.batchItemFailures?.map((f) => f.itemIdentifier) ?? []);
    const at = performance.now();
    for (const record of event.Records) {
      const key = spec.keyOf(record);
      if (key && !failed.has(record.dynamodb?.SequenceNumber ?? '')) effects.mark(`${fn.name}|${key}`, at);
    }
    return result;
  };
  const streams = await startStreamPollers({
    mappings,
    tableName: runtime.tableName,
    dynamodb: clients.dynamodb,
    streams: clients.streams,
    prefix: `${runtime.tablePrefix}bench-${spec.storeName}-`,
    invoke,
    log: () => {},
  });
  return { effects, streams, stop: () => streams.stop() };
};

/** The effect-log keys of `key` for every function of the pipeline (an effect needs all of them). */
export const effectKeys = (functions: readonly string[], key: string): string[] =>
  functions.map((fn) => `${fn}|${key}`);

/** The latest effect time of `key` over the pipeline's functions (undefined until all have it). */
export const effectAt = (
  effects: EffectLog,
  functions: readonly string[],
  key: string,
): number | undefined => {
  const times = effectKeys(functions, key).map((k) => effects.at(k));
  return times.every((t) => t !== undefined) ? Math.max(...(times as number[])) : undefined;
};
