// Carrying out one batch's delivery (delivery.ts's steps) against the poller's I/O: invocations,
// records done (checkpoint effects), dead letters, backoffs, and the counters they move.
import type { BatchOutcome } from '#shared/dead-letters/batch-outcome.js';
import {
  afterInvocation,
  nextInvocation,
  startDelivery,
  type Deliverable,
  type DeliveryEffect,
  type DeliveryPolicy,
} from './delivery.js';
import type { StreamPollerCounters } from './poller-status.js';

/** Thrown where the poller stops between steps: nothing more starts, the records stay unfinished. */
export class Stopping extends Error {
  override name = 'Stopping';
}

export type DeadLetterEffect<T> = DeliveryEffect<T> & { kind: 'dead-letter' };

export interface BatchIo<T> {
  running(): boolean;
  now(): number;
  invoke(records: readonly T[]): Promise<BatchOutcome>;
  /** delivery.ts checkpointed at this record of the batch: it and the batch's earlier records are done. */
  doneThrough(sequenceNumber: string): Promise<void>;
  deadLetter(effect: DeadLetterEffect<T>): Promise<void>;
  /** Waits before the `retry`th re-send. */
  backoff(retry: number): Promise<void>;
  counters: StreamPollerCounters;
}

/** Delivers `batch` until each record has succeeded or been dead-lettered; throws Stopping on a stop. */
export const runBatchDelivery = async <T extends Deliverable>(
  batch: readonly T[],
  policy: DeliveryPolicy,
  io: BatchIo<T>,
): Promise<void> => {
  const carryOut = async (effects: DeliveryEffect<T>[]) => {
    for (const effect of effects) {
      if (effect.kind === 'checkpoint') await io.doneThrough(effect.sequenceNumber);
      else if (effect.kind === 'dead-letter') await io.deadLetter(effect);
      else if (effect.kind === 'bisect') io.counters.bisections++;
      else {
        io.counters.retries++;
        await io.backoff(effect.retry);
        if (!io.running()) throw new Stopping();
      }
    }
  };
  let delivery = startDelivery(batch, batch);
  while (delivery.pieces.length > 0) {
    if (!io.running()) throw new Stopping();
    const step = nextInvocation(delivery, io.now(), policy);
    await carryOut(step.effects);
    delivery = step.next;
    if (!step.invoke) continue;
    io.counters.invocations++;
    io.counters.recordsDelivered += step.invoke.length;
    const outcome = await io.invoke(step.invoke);
    if (outcome.kind !== 'success') io.counters.failures++;
    const after = afterInvocation(delivery, outcome, policy);
    await carryOut(after.effects);
    delivery = after.next;
  }
};
