// Concurrent batches of one shard (shard-schedule.ts) as Lambda runs them with a parallelizationFactor,
// driven by a model shard: records of a few item keys, some filtered out, some failing a few times or
// for ever; batches started and advanced (one invocation at a time, through delivery.ts) in an
// arbitrary interleaving. Whatever the interleaving: a key is never in two batches in flight, records
// of a key are invoked in stream order, a record is re-sent only after an invocation of it failed, no
// record is taken into two batches, the checkpoint never passes a record that is not done, at most
// `parallelizationFactor` batches are in flight, and in the end every matched record is acknowledged or
// dead-lettered (a poison record dead-lettered, as delivery.ts decides). With a factor of 1 each batch
// is the next run of records in stream order, as one batch at a time has it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterInvocation,
  nextInvocation,
  startDelivery,
  type Delivery,
  type DeliveryEffect,
  type DeliveryPolicy,
} from '#infra/local/streams/delivery.js';
import {
  donePrefix,
  doneThrough,
  eligible,
  nextBatch,
  stateWhenRead,
  wantsMore,
  type Scheduled,
} from '#infra/local/streams/shard-schedule.js';
import { compareSequenceNumbers } from '#shared/dead-letters/sequence-numbers.js';
import { modelOutcome } from '../support/stream-model.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');

interface Rec extends Scheduled {
  createdAt: number;
  /** Deliveries that fail before one succeeds; Infinity: a poison record. */
  failures: number;
  throws: boolean;
  /** Model bookkeeping. */
  taken: number;
  invoked: number;
  mayResend: boolean;
  acknowledged: boolean;
  deadLettered: number;
}

const arbRecord = fc.record({
  key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
  matched: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  failures: fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
    { weight: 1, arbitrary: fc.constant(Infinity) },
  ),
  throws: fc.boolean(),
});

const arbPolicy: fc.Arbitrary<DeliveryPolicy> = fc.record({
  bisectOnError: fc.boolean(),
  retryAttempts: fc.integer({ min: 0, max: 3 }),
  maxRecordAgeSeconds: fc.constant(-1),
});

interface InFlight {
  records: Rec[];
  delivery: Delivery<Rec>;
}

type RawRecord = Pick<Rec, 'key' | 'matched' | 'failures' | 'throws'>;

const shard = (raw: RawRecord[]): Rec[] =>
  raw.map((r, i) => ({
    ...r,
    sequenceNumber: String(1000 + i * 7),
    createdAt: NOW,
    bytes: 100,
    readAt: NOW,
    state: stateWhenRead(r.matched),
    taken: 0,
    invoked: 0,
    mayResend: false,
    acknowledged: false,
    deadLettered: 0,
  }));

/** Runs the model shard to its end, taking the action `choices` pick while they last. */
const run = (
  records: Rec[],
  policy: DeliveryPolicy,
  batchSize: number,
  factor: number,
  choices: number[],
) => {
  const inFlight: InFlight[] = [];
  const batches: Rec[][] = [];
  const violations: string[] = [];
  let checkpoint: string | undefined;
  let maxInFlight = 0;

  const apply = (batch: InFlight, effects: DeliveryEffect<Rec>[]) => {
    for (const effect of effects) {
      if (effect.kind === 'checkpoint')
        for (const r of doneThrough(batch.records, effect.sequenceNumber)) r.state = 'done';
      if (effect.kind === 'dead-letter') for (const r of effect.records) r.deadLettered++;
    }
    settle();
  };

  const settle = () => {
    const { sequenceNumber } = donePrefix(records);
    if (sequenceNumber !== undefined) {
      if (checkpoint !== undefined && compareSequenceNumbers(sequenceNumber, checkpoint) < 0)
        violations.push(`checkpoint moved back to ${sequenceNumber}`);
      checkpoint = sequenceNumber;
      for (const r of records)
        if (compareSequenceNumbers(r.sequenceNumber, checkpoint) <= 0 && r.state !== 'done')
          violations.push(`checkpoint ${checkpoint} passed ${r.sequenceNumber}`);
    }
  };

  const start = (): boolean => {
    const busy = new Set(inFlight.flatMap((b) => b.records.map((r) => r.key)));
    const next = nextBatch(
      records,
      { batchSize, parallelizationFactor: factor, windowMs: 0 },
      { inFlight: inFlight.length, busyKeys: busy, endReached: true, now: NOW },
    );
    if (next.kind !== 'start') return false;
    for (const r of next.records) {
      if (busy.has(r.key)) violations.push(`key ${r.key} in two batches in flight`);
      if (r.taken++ > 0) violations.push(`${r.sequenceNumber} taken twice`);
      r.state = 'in-flight';
    }
    batches.push(next.records);
    inFlight.push({ records: next.records, delivery: startDelivery(next.records, next.records) });
    maxInFlight = Math.max(maxInFlight, inFlight.length);
    return true;
  };

  const advance = (index: number) => {
    const batch = inFlight[index]!;
    const step = nextInvocation(batch.delivery, NOW, policy);
    apply(batch, step.effects);
    batch.delivery = step.next;
    if (step.invoke) {
      step.invoke.forEach((r, i) => {
        const earlier = records.filter(
          (o) =>
            o.key === r.key && o.matched && compareSequenceNumbers(o.sequenceNumber, r.sequenceNumber) < 0,
        );
        for (const o of earlier)
          if (o.state !== 'done' && !step.invoke!.slice(0, i).includes(o))
            violations.push(`${r.sequenceNumber} invoked before ${o.sequenceNumber} of its key was done`);
        if (r.invoked++ > 0 && !r.mayResend) violations.push(`${r.sequenceNumber} re-sent without a failure`);
        if (r.state === 'done') violations.push(`${r.sequenceNumber} invoked when done`);
        r.mayResend = false;
      });
      const outcome = modelOutcome(step.invoke);
      const failedFrom =
        outcome.kind === 'success'
          ? step.invoke.length
          : outcome.kind === 'error'
            ? 0
            : step.invoke.findIndex((r) => r.sequenceNumber === outcome.lowestFailed);
      step.invoke.forEach((r, i) => {
        if (i >= failedFrom) r.mayResend = true;
        else r.acknowledged = true;
      });
      const after = afterInvocation(batch.delivery, outcome, policy);
      apply(batch, after.effects);
      batch.delivery = after.next;
    }
    if (batch.delivery.pieces.length === 0) {
      for (const r of batch.records)
        if (r.state !== 'done') violations.push(`${r.sequenceNumber} left undone by its finished batch`);
      inFlight.splice(index, 1);
    }
  };

  let steps = 0;
  for (;;) {
    if (++steps > 10_000) throw new Error('the model shard did not finish');
    settle();
    const choice = choices.shift();
    if (choice === undefined || choice % (inFlight.length + 1) === 0) {
      if (start()) continue;
      if (inFlight.length === 0) break;
      advance(0);
    } else {
      advance((choice % (inFlight.length + 1)) - 1);
    }
  }
  return { violations, batches, checkpoint, maxInFlight };
};

describe('concurrent batches of a shard', () => {
  it('keep per-key order, never share a key, checkpoint only past done records, finish every record', () => {
    fc.assert(
      fc.property(
        fc.array(arbRecord, { minLength: 1, maxLength: 40 }),
        arbPolicy,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.nat({ max: 30 }), { maxLength: 300 }),
        (raw, policy, batchSize, factor, choices) => {
          const records = shard(raw);
          const result = run(records, policy, batchSize, factor, choices);
          expect(result.violations).toEqual([]);
          expect(result.maxInFlight).toBeLessThanOrEqual(factor);
          expect(result.checkpoint).toBe(records.at(-1)!.sequenceNumber);
          for (const r of records.filter((r) => r.matched)) {
            expect(r.taken).toBe(1);
            expect(r.state).toBe('done');
            expect(r.deadLettered).toBeLessThanOrEqual(1);
            if (r.failures === Infinity) expect(r.deadLettered).toBe(1);
            if (r.deadLettered === 0) expect(r.acknowledged).toBe(true);
          }
          for (const batch of result.batches) expect(batch.length).toBeLessThanOrEqual(batchSize);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('starts a batch whenever the factor leaves room and a waiting record has no key in flight', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b', 'c', 'd'),
            state: fc.constantFrom('waiting' as const, 'in-flight' as const, 'done' as const),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        (raw, inFlight, factor) => {
          const records = raw.map((r, i) => ({
            ...r,
            matched: true,
            bytes: 10,
            readAt: NOW,
            sequenceNumber: String(i + 1),
          }));
          const busyKeys = new Set(records.filter((r) => r.state === 'in-flight').map((r) => r.key));
          const next = nextBatch(
            records,
            { batchSize: 5, parallelizationFactor: factor, windowMs: 0 },
            { inFlight, busyKeys, endReached: false, now: NOW },
          );
          const startable = records.some((r) => r.state === 'waiting' && !busyKeys.has(r.key));
          expect(next.kind).toBe(inFlight < factor && startable ? 'start' : 'none');
        },
      ),
    );
  });

  it('with a factor of 1, each batch is the next run of matched records in stream order', () => {
    fc.assert(
      fc.property(
        fc.array(arbRecord, { minLength: 1, maxLength: 40 }),
        arbPolicy,
        fc.integer({ min: 1, max: 6 }),
        (raw, policy, batchSize) => {
          const records = shard(raw);
          const { batches, violations } = run(records, policy, batchSize, 1, []);
          expect(violations).toEqual([]);
          const matched = records.filter((r) => r.matched);
          const expected: Rec[][] = [];
          for (let i = 0; i < matched.length; i += batchSize) expected.push(matched.slice(i, i + batchSize));
          expect(batches).toEqual(expected);
        },
      ),
    );
  });

  it('with more than one in flight, a batch takes other keys past a key in flight', () => {
    const records = shard([
      { key: 'a', matched: true, failures: 0, throws: false },
      { key: 'a', matched: true, failures: 0, throws: false },
      { key: 'b', matched: true, failures: 0, throws: false },
      { key: 'a', matched: true, failures: 0, throws: false },
      { key: 'c', matched: true, failures: 0, throws: false },
    ]);
    records[0]!.state = 'in-flight';
    expect(eligible(records, new Set()).map((r) => r.sequenceNumber)).toEqual([
      records[2]!.sequenceNumber,
      records[4]!.sequenceNumber,
    ]);
    const limits = { batchSize: 10, parallelizationFactor: 2, windowMs: 0 };
    expect(
      nextBatch(records, limits, { inFlight: 1, busyKeys: new Set(), endReached: false, now: NOW }),
    ).toEqual({
      kind: 'start',
      records: [records[2], records[4]],
    });
    expect(
      nextBatch(records, limits, { inFlight: 2, busyKeys: new Set(), endReached: false, now: NOW }),
    ).toEqual({ kind: 'none' });
  });

  it('waits for the batching window unless the batch is full or the shard is read to its end', () => {
    const records = shard([{ key: 'a', matched: true, failures: 0, throws: false }]);
    const limits = { batchSize: 10, parallelizationFactor: 1, windowMs: 500 };
    expect(
      nextBatch(records, limits, { inFlight: 0, busyKeys: new Set(), endReached: false, now: NOW + 200 }),
    ).toEqual({
      kind: 'wait',
      ms: 300,
    });
    expect(
      nextBatch(records, limits, { inFlight: 0, busyKeys: new Set(), endReached: true, now: NOW }),
    ).toMatchObject({
      kind: 'start',
    });
    expect(wantsMore(records, 1)).toBe(false);
    expect(wantsMore(records, 2)).toBe(true);
  });
});
