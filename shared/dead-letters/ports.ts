// What the dead-letter use cases are given: the queues the stream consumers' failed batches land in
// (locally the runtime's dead-letter store, deployed the SQS on-failure destinations), and the claims
// that make each replay attempt run once.
import type { AuditEntry } from '#shared/audit/audit.js';

/** A batch a stream consumer gave up on, without its records (they hold customer data). */
export interface DeadLetter {
  id: string;
  /** The event source mapping: `function@table`. */
  mapping: string;
  /** The consumer function. */
  consumer: string;
  /** The table whose stream it reads. */
  source: string;
  /** Lambda's words: `RetryAttemptsExhausted` or `RecordAgeExceeded`. */
  condition: string;
  error: string;
  failedAt: string;
  recordCount: number;
  /** Invocations before it was given up on. */
  attempts: number;
  /** Replays tried so far (each failed, or the letter would be gone). */
  replays: number;
  lastReplayAt?: string;
  lastReplayError?: string;
}

export type ReplayResult =
  { ok: true } | { ok: false; error: string; /** records still dead-lettered */ remaining: number };

export interface DeadLetterQueues {
  list(): Promise<DeadLetter[]>;
  get(id: string): Promise<DeadLetter | undefined>;
  /** Invokes the consumer with the batch again; removes the letter when that succeeds. */
  replay(id: string): Promise<ReplayResult>;
}

export type ReplayStatus = 'running' | 'replayed' | 'failed';

/** One replay attempt of one dead letter: `attempt` is the letter's `replays` when it was claimed. */
export interface ReplayClaim {
  deadLetterId: string;
  attempt: number;
  status: ReplayStatus;
  claimedBy: string;
  claimedAt: string;
  finishedAt?: string;
  error?: string;
  remaining?: number;
}

export interface ReplayClaims {
  /** Claims the attempt with its audit entry; false when someone holds or held it (and it is not stale). */
  claim(claim: ReplayClaim, audit: AuditEntry, staleBefore: string): Promise<boolean>;
  /** Records how the claimed attempt ended, with its audit entry. */
  finish(claim: ReplayClaim, audit: AuditEntry): Promise<void>;
  /** The latest attempt of a dead letter, if any was claimed. */
  latest(deadLetterId: string): Promise<ReplayClaim | undefined>;
}
