// Delivering a batch of stream records as a Lambda event source mapping does (delivery.ts), run
// against a model function whose records fail a chosen number of times (by throwing, or by reporting
// them in batchItemFailures) on a model clock: every record is acknowledged or dead-lettered, never
// both, never skipped; halves cover what failed; retries stay within retryAttempts; a checkpoint never
// moves past a record that is neither acknowledged nor dead-lettered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterInvocation,
  nextInvocation,
  startDelivery,
  type DeliveryEffect,
  type DeliveryPolicy,
} from '#infra/local/streams/delivery.js';
import { compareSequenceNumbers } from '#shared/dead-letters/sequence-numbers.js';
import { modelOutcome } from '../support/stream-model.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');

interface Rec {
  sequenceNumber: string;
  createdAt: number;
  matched: boolean;
  /** Deliveries that fail before one succeeds; Infinity: a poison record. */
  failures: number;
  /** How it fails: the function throws, or reports it in batchItemFailures. */
  throws: boolean;
}

interface Run {
  invocations: Rec[][];
  effects: DeliveryEffect<Rec>[];
  acknowledged: Map<Rec, number>;
  deadLettered: Map<Rec, number>;
  /** Checkpoints that passed a record neither acknowledged nor dead-lettered. */
  badCheckpoints: string[];
  /** The records each invocation's failure left to split or retry (from the lowest failed on). */
  failing: Rec[][];
}

const deliverAll = (prefix: Rec[], policy: DeliveryPolicy, tickMs: number): Run => {
  const batch = prefix.filter((r) => r.matched);
  const run: Run = {
    invocations: [],
    effects: [],
    acknowledged: new Map(),
    deadLettered: new Map(),
    badCheckpoints: [],
    failing: [],
  };
  const count = (map: Map<Rec, number>, records: readonly Rec[]) => {
    for (const r of records) map.set(r, (map.get(r) ?? 0) + 1);
  };
  const apply = (effects: DeliveryEffect<Rec>[]) => {
    for (const effect of effects) {
      run.effects.push(effect);
      if (effect.kind === 'dead-letter') count(run.deadLettered, effect.records);
      if (effect.kind === 'checkpoint') {
        const passed = batch.filter(
          (r) =>
            compareSequenceNumbers(r.sequenceNumber, effect.sequenceNumber) <= 0 &&
            !run.acknowledged.has(r) &&
            !run.deadLettered.has(r),
        );
        if (passed.length > 0) run.badCheckpoints.push(effect.sequenceNumber);
      }
    }
  };
  let now = NOW;
  let delivery = startDelivery(prefix, batch);
  for (let steps = 0; delivery.pieces.length > 0; steps++) {
    if (steps > 10_000) throw new Error('delivery did not end');
    const step = nextInvocation(delivery, now, policy);
    apply(step.effects);
    delivery = step.next;
    if (!step.invoke) continue;
    const invoked = [...step.invoke];
    run.invocations.push(invoked);
    now += tickMs;
    const outcome = modelOutcome(invoked);
    const at =
      outcome.kind === 'partial'
        ? invoked.findIndex((r) => r.sequenceNumber === outcome.lowestFailed)
        : outcome.kind === 'success'
          ? invoked.length
          : 0;
    count(run.acknowledged, invoked.slice(0, at));
    if (at < invoked.length) run.failing.push(invoked.slice(at));
    const after = afterInvocation(delivery, outcome, policy);
    apply(after.effects);
    delivery = after.next;
  }
  return run;
};

/** A shard's records in order; sequence numbers grow in length too (9, 10, …) and compare as numbers. */
const arbRecords = (failures: fc.Arbitrary<number>) =>
  fc
    .array(
      fc.record({
        gap: fc.integer({ min: 1, max: 40 }),
        ageSeconds: fc.integer({ min: 0, max: 120 }),
        matched: fc.boolean(),
        failures,
        throws: fc.boolean(),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .filter((rows) => rows.some((row) => row.matched))
    .map((rows) => {
      let sequence = 9n;
      return rows.map((row): Rec => ({
        sequenceNumber: String((sequence += BigInt(row.gap))),
        createdAt: NOW - row.ageSeconds * 1000,
        matched: row.matched,
        failures: row.failures,
        throws: row.throws,
      }));
    });

const arbPolicy = (retryAttempts: fc.Arbitrary<number>): fc.Arbitrary<DeliveryPolicy> =>
  fc.record({
    bisectOnError: fc.boolean(),
    retryAttempts,
    maxRecordAgeSeconds: fc.constantFrom(-1, 30, 90, 600),
  });

const bounded = fc.tuple(
  arbRecords(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.constant(Infinity))),
  arbPolicy(fc.integer({ min: 0, max: 4 })),
  fc.integer({ min: 0, max: 5000 }),
);
// no retry limit: every record fails a finite number of times
const unbounded = fc.tuple(
  arbRecords(fc.integer({ min: 0, max: 3 })),
  arbPolicy(fc.constant(-1)),
  fc.integer({ min: 0, max: 5000 }),
);

describe('delivering a stream batch as a Lambda event source mapping does', () => {
  it('acknowledges or dead-letters every matching record, exactly one of the two, once (property)', () => {
    fc.assert(
      fc.property(fc.oneof(bounded, unbounded), ([prefix, policy, tick]) => {
        const run = deliverAll(prefix, policy, tick);
        for (const record of prefix) {
          const dead = run.deadLettered.get(record) ?? 0;
          if (!record.matched) {
            expect(dead).toBe(0);
            expect(run.invocations.flat()).not.toContain(record);
            continue;
          }
          expect(dead).toBeLessThanOrEqual(1);
          expect(run.acknowledged.has(record)).toBe(dead === 0);
        }
      }),
    );
  });

  it('never checkpoints past a record that is neither acknowledged nor dead-lettered (property)', () => {
    fc.assert(
      fc.property(fc.oneof(bounded, unbounded), ([prefix, policy, tick]) => {
        expect(deliverAll(prefix, policy, tick).badCheckpoints).toEqual([]);
      }),
    );
  });

  it('delivers records in shard order, and splits only what failed, into halves that cover it (property)', () => {
    fc.assert(
      fc.property(fc.oneof(bounded, unbounded), ([prefix, policy, tick]) => {
        const run = deliverAll(prefix, policy, tick);
        for (const invoked of run.invocations) {
          expect(invoked.length).toBeGreaterThan(0);
          const positions = invoked.map((r) => prefix.indexOf(r));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        }
        const bisections = run.effects.filter((e) => e.kind === 'bisect');
        if (!policy.bisectOnError) expect(bisections).toEqual([]);
        for (const { halves } of bisections) {
          const [first, second] = halves;
          expect(first.length).toBeGreaterThan(0);
          expect(second.length).toBeGreaterThan(0);
          expect(first.length - second.length).toBeGreaterThanOrEqual(0);
          expect(first.length - second.length).toBeLessThanOrEqual(1);
          expect(run.failing).toContainEqual([...first, ...second]);
        }
      }),
    );
  });

  it('re-sends a record at most retryAttempts times per piece, then dead-letters it (property)', () => {
    fc.assert(
      fc.property(bounded, ([prefix, policy, tick]) => {
        const run = deliverAll(prefix, policy, tick);
        const batch = prefix.filter((r) => r.matched);
        const depth = Math.ceil(Math.log2(batch.length)) + 1;
        for (const record of batch) {
          const deliveries = run.invocations.filter((invoked) => invoked.includes(record)).length;
          expect(deliveries).toBeLessThanOrEqual((policy.retryAttempts + 1) * depth);
          if (!policy.bisectOnError) expect(deliveries).toBeLessThanOrEqual(policy.retryAttempts + 1);
        }
        for (const effect of run.effects) {
          if (effect.kind === 'retry') expect(effect.retry).toBeLessThanOrEqual(policy.retryAttempts);
          if (effect.kind === 'dead-letter' && effect.condition === 'RetryAttemptsExhausted')
            expect(effect.attempts).toBe(policy.retryAttempts + 1);
        }
      }),
    );
  });

  it('dead-letters only records older than maxRecordAgeSeconds for their age, before delivering them (property)', () => {
    fc.assert(
      fc.property(fc.oneof(bounded, unbounded), ([prefix, policy, tick]) => {
        const run = deliverAll(prefix, policy, tick);
        for (const effect of run.effects) {
          if (effect.kind !== 'dead-letter' || effect.condition !== 'RecordAgeExceeded') continue;
          expect(policy.maxRecordAgeSeconds).toBeGreaterThanOrEqual(0);
          for (const r of effect.records)
            expect(NOW + run.invocations.length * tick - r.createdAt).toBeGreaterThan(
              policy.maxRecordAgeSeconds * 1000,
            );
        }
      }),
    );
  });

  it('delivers a batch that succeeds in one invocation and checkpoints at its last record', () => {
    const prefix = ['10', '11', '12'].map((sequenceNumber): Rec => ({
      sequenceNumber,
      createdAt: NOW,
      matched: sequenceNumber !== '12',
      failures: 0,
      throws: false,
    }));
    const run = deliverAll(prefix, { bisectOnError: true, retryAttempts: 2, maxRecordAgeSeconds: -1 }, 0);
    expect(run.invocations).toEqual([prefix.slice(0, 2)]);
    expect(run.effects).toEqual([{ kind: 'checkpoint', sequenceNumber: '11' }]);
  });

  it('isolates a poison record by bisecting and dead-letters it alone', () => {
    const prefix = Array.from({ length: 8 }, (_, i): Rec => ({
      sequenceNumber: String(100 + i),
      createdAt: NOW,
      matched: true,
      failures: i === 5 ? Infinity : 0,
      throws: true,
    }));
    const run = deliverAll(prefix, { bisectOnError: true, retryAttempts: 1, maxRecordAgeSeconds: -1 }, 0);
    const letters = run.effects.filter((e) => e.kind === 'dead-letter');
    expect(letters).toMatchObject([
      { condition: 'RetryAttemptsExhausted', records: [prefix[5]], attempts: 2 },
    ]);
  });

  it('on a partial response checkpoints just before the lowest failed record and re-sends from it', () => {
    const prefix = ['10', '11', '12', '13'].map((sequenceNumber): Rec => ({
      sequenceNumber,
      createdAt: NOW,
      matched: true,
      failures: sequenceNumber === '12' ? 1 : 0,
      throws: false,
    }));
    const run = deliverAll(prefix, { bisectOnError: false, retryAttempts: 3, maxRecordAgeSeconds: -1 }, 0);
    expect(run.invocations).toEqual([prefix, prefix.slice(2)]);
    expect(run.effects).toEqual([
      { kind: 'checkpoint', sequenceNumber: '11' },
      { kind: 'retry', retry: 1 },
      { kind: 'checkpoint', sequenceNumber: '13' },
    ]);
  });
});
