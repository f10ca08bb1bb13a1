// One stream pipeline measured the same way as every other: its raw baseline right before it, its
// sustained rate, POST → effect latency, and the drain of a backlog written while it was stopped.
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { BenchOptions } from './options.js';
import {
  benchClients,
  effectAt,
  effectKeys,
  EffectLog,
  startConsumers,
  type Consumers,
  type RecordKey,
} from './consumers.js';
import { rawTransactWrites, type RawItem } from './raw.js';
import { fmt, perSecond, summary } from './stats.js';
import { pool, report } from './support.js';

export interface PipelineItem extends RawItem {
  /** What is posted for it (one element of a batch). */
  body: unknown;
}

export interface PipelineSpec {
  name: string;
  /** The stream consumers (function names) whose work is the pipeline's effect. */
  functions: string[];
  /** What its rate counts: transactions, registrations, customers. */
  unit: string;
  /** Items per POST and POSTs in flight. */
  batch: number;
  inFlight: number;
  keyOf: RecordKey;
  setup?: () => Promise<void>;
  /** Item i of the run tagged `tag` (ids unique per tag). */
  item: (tag: string, i: number) => PipelineItem;
  post: (bodies: unknown[]) => Promise<void>;
}

export interface PipelineFigures {
  raw: number;
  sustained: number;
  p50: number;
  p99: number;
  drain: number;
}

let runs = 0;

const postAll = async (
  spec: PipelineSpec,
  items: readonly PipelineItem[],
  postedAt?: Map<string, number>,
) => {
  const batches = Math.ceil(items.length / spec.batch);
  await pool(batches, spec.inFlight, async (b) => {
    const chunk = items.slice(b * spec.batch, (b + 1) * spec.batch);
    const at = performance.now();
    for (const item of chunk) postedAt?.set(item.id, at);
    await spec.post(chunk.map((item) => item.body));
  });
};

/** Posts probes until one comes through: the consumers' iterators are open (LATEST starts at the tip). */
const prime = async (spec: PipelineSpec, consumers: Consumers, tag: string) => {
  for (let i = 0; i < 30; i++) {
    const probe = spec.item(`${tag}P`, i);
    await spec.post([probe.body]);
    if (await consumers.effects.waitFor(effectKeys(spec.functions, probe.id), performance.now() + 2_000))
      return;
  }
  throw new Error(`${spec.name}: no probe came through its consumers in 60 s`);
};

export const measurePipeline = async (
  runtime: LocalRuntime,
  spec: PipelineSpec,
  options: BenchOptions,
): Promise<PipelineFigures | undefined> => {
  const clients = benchClients(runtime);
  // names a table: letters, digits, - only
  const storeName = `${spec.name.replace(/[^A-Za-z0-9]+/g, '-')}-${Date.now().toString(36)}-${++runs}`;
  const tag = `${spec.name
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase()}${Date.now().toString(36)}`;
  const deadline = () => performance.now() + options.timeoutSeconds * 1000;
  const name = (what: string) => `${spec.name}: ${what}`;
  try {
    await spec.setup?.();
    const effects = new EffectLog();
    let consumers = await startConsumers(
      runtime,
      clients,
      { functions: spec.functions, storeName, keyOf: spec.keyOf },
      effects,
    );
    await prime(spec, consumers, tag);

    // raw baseline of the same items at the same concurrency, right before the pipeline
    const items = Array.from({ length: options.items }, (_, i) => spec.item(`${tag}S`, i));
    const raw = await rawTransactWrites(runtime, items, options.concurrency);
    report(
      name(`raw claim + counter TransactWrite (${options.concurrency} in flight)`),
      fmt(raw),
      `${spec.unit}/s`,
    );

    // sustained: all items posted, until every consumer has finished every one
    const postedAt = new Map<string, number>();
    const started = performance.now();
    await postAll(spec, items, postedAt);
    const ids = items.flatMap((item) => effectKeys(spec.functions, item.id));
    const complete = await effects.waitFor(ids, deadline());
    const last = Math.max(...items.map((item) => effectAt(effects, spec.functions, item.id) ?? NaN));
    const sustained = complete ? perSecond(items.length, last - started) : NaN;
    report(
      name(`sustained, ${fmt(items.length)} posted ${spec.batch} a POST, ${spec.inFlight} in flight`),
      complete ? fmt(sustained) : 'timed out',
      `${spec.unit}/s`,
      sustained / raw,
    );
    const underLoad = summary(
      items.map((item) => (effectAt(effects, spec.functions, item.id) ?? NaN) - postedAt.get(item.id)!),
    );
    report(
      name('POST → effect under that load, p50 / p99'),
      `${fmt(underLoad.p50)} / ${fmt(underLoad.p99)}`,
      'ms',
    );

    // latency: one at a time
    const latencies: number[] = [];
    for (let i = 0; i < options.latency; i++) {
      const item = spec.item(`${tag}L`, i);
      const t0 = performance.now();
      await spec.post([item.body]);
      if (!(await effects.waitFor(effectKeys(spec.functions, item.id), performance.now() + 30_000))) break;
      latencies.push(effectAt(effects, spec.functions, item.id)! - t0);
    }
    const latency = summary(latencies);
    report(
      name(`POST → effect, ${fmt(latency.n)} single posts, p50 / p99`),
      `${fmt(latency.p50)} / ${fmt(latency.p99)}`,
      'ms',
    );

    // backlog: written while the consumers are stopped, then drained from their checkpoints
    await consumers.stop();
    const backlog = Array.from({ length: options.backlog }, (_, i) => spec.item(`${tag}B`, i));
    await postAll(spec, backlog);
    const drainRaw = await rawTransactWrites(
      runtime,
      backlog.slice(0, Math.min(backlog.length, options.items)),
      options.concurrency,
    );
    const drainStarted = performance.now();
    consumers = await startConsumers(
      runtime,
      clients,
      { functions: spec.functions, storeName, keyOf: spec.keyOf },
      effects,
    );
    const drained = await effects.waitFor(
      backlog.flatMap((item) => effectKeys(spec.functions, item.id)),
      deadline(),
    );
    const drainLast = Math.max(...backlog.map((item) => effectAt(effects, spec.functions, item.id) ?? NaN));
    const drain = drained ? perSecond(backlog.length, drainLast - drainStarted) : NaN;
    await consumers.stop();
    report(name(`raw claim + counter TransactWrite, beside the drain`), fmt(drainRaw), `${spec.unit}/s`);
    report(
      name(`backlog drain, ${fmt(backlog.length)} records until current`),
      drained ? fmt(drain) : 'timed out',
      'records/s',
      drain / drainRaw,
    );
    return { raw, sustained, p50: latency.p50, p99: latency.p99, drain };
  } catch (error) {
    report(name('failed'), (error as Error).message, '');
    return undefined;
  } finally {
    clients.dynamodb.destroy();
    clients.streams.destroy();
  }
};
