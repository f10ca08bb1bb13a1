// What becomes of a claimed message after the provider answered (发送结果), as one decision. Pure:
//   sent                          → `sent`
//   throttled, certainly not sent → back to `queued` after a backoff (the provider's hint first),
//                                   its frequency slot and spend given back; `failed`
//                                   (retries_exhausted) once the kind's attempts are used up
//   opted out at the provider     → `suppressed` (opted_out_at_provider), the opt-out written back
//   rejected                      → `failed` (rejected_<reason>), never retried
//   maybe sent (timeout, 5xx) or an error that is no provider failure
//                                 → `failed` (outcome_unknown), never retried, nothing given back
import { isSmsFailure, type SmsFailure } from '#shared/sms/provider.js';
import type { FailureReason, MessageStatus } from './message.js';

/** How often a kind of transient failure is tried, and how long to wait between tries. */
export interface RetryRule {
  /** The attempt with this number (1-based, this one included) that fails is the last. */
  maxAttempts: number;
  /** The wait after the first attempt; doubled for every attempt since. */
  baseMs: number;
  /** The doubling stops after this many attempts. */
  maxDoublings: number;
  /** No wait is longer. */
  maxMs: number;
}

export interface RetryPolicy {
  throttled: RetryRule;
  /** Unavailable, and certainly not sent. */
  unavailable: RetryRule;
}

/** Today's limits: throttling is waited out longer, with the provider's hint first when it gives one. */
export const SEND_RETRY_POLICY: RetryPolicy = {
  throttled: { maxAttempts: 10, baseMs: 500, maxDoublings: 7, maxMs: 60_000 },
  unavailable: { maxAttempts: 6, baseMs: 1000, maxDoublings: 7, maxMs: 60_000 },
};

/** The one backoff formula: base × 2^attempts, the doubling and the wait both capped. */
export const backoffMs = (rule: RetryRule, attempts: number) =>
  Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(attempts, rule.maxDoublings));

/** What the provider threw: one of its typed failures, or anything else (then it may have gone out). */
export type NotSent = SmsFailure | { kind: 'unknown'; detail: string };

/** The provider's answer. */
export type SendOutcome = { kind: 'sent' } | NotSent;

export interface AfterSend {
  status: Extract<MessageStatus, 'sent' | 'queued' | 'suppressed' | 'failed'>;
  reason?: FailureReason;
  /** Queued again: not before this instant (ISO). */
  notBefore?: string;
  detail?: string;
  /** Certainly not sent: the frequency slot and the month's spend are given back. */
  giveBack: boolean;
  /** The number opted out at the provider: the opt-out is written back to the consent ledger. */
  recordOptOut: boolean;
}

/** The thrown error as an outcome; a detail that is no provider's is cut to 200 characters. */
export const notSent = (error: unknown): NotSent =>
  isSmsFailure(error) ? error : { kind: 'unknown', detail: String((error as Error).message).slice(0, 200) };

const retry = (
  rule: RetryRule,
  attempts: number,
  now: Date,
  detail: string,
  hintMs: number | undefined,
): AfterSend =>
  attempts >= rule.maxAttempts
    ? { status: 'failed', reason: 'retries_exhausted', detail, giveBack: true, recordOptOut: false }
    : {
        status: 'queued',
        detail,
        notBefore: new Date(now.getTime() + (hintMs ?? backoffMs(rule, attempts))).toISOString(),
        giveBack: true,
        recordOptOut: false,
      };

/**
 * @param attempts the attempts made, this one included (the claim counted it)
 * @param now when the provider answered
 */
export const afterSend = (
  outcome: SendOutcome,
  attempts: number,
  policy: RetryPolicy,
  now: Date,
): AfterSend => {
  switch (outcome.kind) {
    case 'sent':
      return { status: 'sent', giveBack: false, recordOptOut: false };
    case 'unknown':
      return unknown(outcome.detail);
    case 'throttled':
      return retry(policy.throttled, attempts, now, outcome.message, outcome.retryAfterMs);
    case 'opted_out':
      return { status: 'suppressed', reason: 'opted_out_at_provider', giveBack: true, recordOptOut: true };
    case 'rejected':
      return {
        status: 'failed',
        reason: `rejected_${outcome.reason}`,
        detail: outcome.message,
        giveBack: true,
        recordOptOut: false,
      };
    case 'unavailable':
      return outcome.maybeSent
        ? unknown(outcome.message)
        : retry(policy.unavailable, attempts, now, outcome.message, undefined);
  }
};

const unknown = (detail: string): AfterSend => ({
  status: 'failed',
  reason: 'outcome_unknown',
  detail,
  giveBack: false,
  recordOptOut: false,
});

/** When the provider's opt-out check failed before anything was claimed, the message waits this long. */
export const OPT_OUT_CHECK_RETRY_MS = 1000;

/**
 * The provider's opt-out check failed before the claim: an opted-out number is suppressed (and
 * written back); any other failure sent nothing, so the message waits (the provider's hint, or a
 * second) and is tried again. Nothing was claimed, so nothing is given back.
 */
export const afterOptOutCheck = (outcome: NotSent, now: Date): AfterSend => {
  if (outcome.kind === 'opted_out')
    return { status: 'suppressed', reason: 'opted_out_at_provider', giveBack: false, recordOptOut: true };
  const hintMs = outcome.kind === 'throttled' ? outcome.retryAfterMs : undefined;
  return {
    status: 'queued',
    detail: outcome.kind === 'unknown' ? outcome.detail : outcome.message.slice(0, 200),
    notBefore: new Date(now.getTime() + (hintMs ?? OPT_OUT_CHECK_RETRY_MS)).toISOString(),
    giveBack: false,
    recordOptOut: false,
  };
};
