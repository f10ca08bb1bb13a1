// Concurrency inside a stream batch: records of one key in stream order, keys side by side within a
// bound, a failure holding back the later records of its key only — under every interleaving.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planBatch, reportedFailures, type RecordOutcome } from '#shared/stream/key-groups.js';
import { runByKey } from '#shared/stream/run-by-key.js';

/** A batch: each record's key (a few customers, now and then none) and whether applying it fails. */
const batchOf = (keyless: boolean) =>
  fc.array(
    fc.record({
      key: keyless
        ? fc.option(fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5'), { nil: undefined, freq: 8 })
        : fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'),
      fails: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
    }),
    { maxLength: 40 },
  );

/** The model: per key, the first failing record fails, the later ones of its key are held. */
const expectedOutcomes = (batch: { key: string | undefined; fails: boolean }[]) => {
  const failedAt = new Map<string, number>();
  return batch.map(({ key, fails }, i): RecordOutcome['kind'] => {
    const k = key ?? `#${i}`;
    if (failedAt.has(k)) return 'held';
    if (fails) {
      failedAt.set(k, i);
      return 'failed';
    }
    return 'applied';
  });
};

describe('planBatch', () => {
  it('splits a batch into groups of one key each, in stream order, within the bound', () => {
    fc.assert(
      fc.property(batchOf(true), fc.integer({ min: 1, max: 12 }), (batch, bound) => {
        const keys = batch.map((r) => r.key);
        const plan = planBatch(keys, bound);
        // a partition of the positions
        expect(plan.groups.flat().sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
        for (const group of plan.groups) {
          // in stream order, and of one key
          expect([...group].sort((a, b) => a - b)).toEqual(group);
          expect(new Set(group.map((i) => keys[i] ?? `#${i}`)).size).toBe(1);
        }
        // one group per key
        const keyed = plan.groups.filter((g) => keys[g[0]!] !== undefined).map((g) => keys[g[0]!]);
        expect(new Set(keyed).size).toBe(keyed.length);
        expect(plan.concurrency).toBeGreaterThanOrEqual(1);
        expect(plan.concurrency).toBeLessThanOrEqual(bound);
        // a record without a key: one group at a time, as before records had keys
        if (keys.includes(undefined)) expect(plan.concurrency).toBe(1);
      }),
    );
  });
});

describe('runByKey', () => {
  it('keeps each key in stream order, stays within the bound, and reports exactly the failed keys’ tails', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchOf(true),
        fc.integer({ min: 1, max: 6 }),
        fc.scheduler(),
        async (batch, bound, s) => {
          const keys = batch.map((r) => r.key);
          const keyOf = (i: number) => keys[i] ?? `#${i}`;
          const plan = planBatch(keys, bound);
          const started: number[] = [];
          const busyKeys = new Set<string>();
          let inFlight = 0;
          let mostInFlight = 0;
          const run = runByKey(plan, batch.length, async (i) => {
            // no two records of one key at once, and earlier records of the key first
            expect(busyKeys.has(keyOf(i))).toBe(false);
            busyKeys.add(keyOf(i));
            started.push(i);
            mostInFlight = Math.max(mostInFlight, ++inFlight);
            await s.schedule(Promise.resolve(), `record ${i}`);
            inFlight--;
            busyKeys.delete(keyOf(i));
            if (batch[i]!.fails) throw new Error(`record ${i} fails`);
          });
          await s.waitFor(run);
          const outcomes = await run;

          expect(mostInFlight).toBeLessThanOrEqual(plan.concurrency);
          for (const key of new Set(batch.map((_, i) => keyOf(i)))) {
            const ofKey = started.filter((i) => keyOf(i) === key);
            expect(ofKey).toEqual([...ofKey].sort((a, b) => a - b));
          }
          const expected = expectedOutcomes(batch);
          expect(outcomes.map((o) => o.kind)).toEqual(expected);
          // a held record never ran; every other one did, once
          expect([...started].sort((a, b) => a - b)).toEqual(
            expected.flatMap((kind, i) => (kind === 'held' ? [] : [i])),
          );
          // reported: every record of a failed key from its failure on, nothing of a healthy key
          const reported = reportedFailures(outcomes);
          expect(reported).toEqual(expected.flatMap((kind, i) => (kind === 'applied' ? [] : [i])));
          const failedKeys = new Set(reported.map(keyOf));
          for (const i of batch.keys()) if (!failedKeys.has(keyOf(i))) expect(reported).not.toContain(i);
          // Lambda resumes from the lowest reported: the first record that failed in the batch
          const firstFailure = expected.indexOf('failed');
          expect(reported[0] ?? -1).toBe(firstFailure);
          // a held record names the failure it waits behind: an earlier record of its key
          outcomes.forEach((o, i) => {
            if (o.kind === 'held') {
              expect(keyOf(o.behind)).toBe(keyOf(i));
              expect(outcomes[o.behind]!.kind).toBe('failed');
              expect(o.behind).toBeLessThan(i);
            }
          });
        },
      ),
    );
  });

  it('runs groups side by side up to the bound when every record has a key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), async (bound, n) => {
        // n records of n customers, each waiting until released: as many start as the bound lets
        const keys = Array.from({ length: n }, (_, i) => `C${i}`);
        const plan = planBatch(keys, bound);
        let inFlight = 0;
        let mostInFlight = 0;
        const waiting: (() => void)[] = [];
        const run = runByKey(plan, n, async () => {
          mostInFlight = Math.max(mostInFlight, ++inFlight);
          await new Promise<void>((resolve) => waiting.push(resolve));
          inFlight--;
        });
        while (waiting.length > 0 || inFlight > 0) {
          await Promise.resolve();
          waiting.splice(0).forEach((release) => release());
          await new Promise((resolve) => setImmediate(resolve));
        }
        await run;
        expect(mostInFlight).toBe(Math.min(bound, n));
      }),
    );
  });
});
