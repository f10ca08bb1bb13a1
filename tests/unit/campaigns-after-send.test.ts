// What becomes of a claimed message after the provider answered: today's outcome table, pinned by
// example, and the rules any retry policy must keep, as properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  afterOptOutCheck,
  afterSend,
  backoffMs,
  notSent,
  SEND_RETRY_POLICY,
  type NotSent,
  type RetryPolicy,
} from '#shared/campaigns/after-send.js';
import {
  SmsOptedOut,
  SmsRejected,
  SmsThrottled,
  SmsUnavailable,
  type SmsRejectionReason,
} from '#shared/sms/provider.js';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('after the provider answered (today’s table)', () => {
  it('a sent message is sent', () => {
    expect(afterSend({ kind: 'sent' }, 1, SEND_RETRY_POLICY, NOW)).toEqual({
      status: 'sent',
      giveBack: false,
      recordOptOut: false,
    });
  });

  it('throttled without a hint: queued again after 500 ms × 2^attempts, at most a minute', () => {
    const throttled = new SmsThrottled();
    const waits = [1, 2, 3, 6, 7, 9].map(
      (attempts) => afterSend(throttled, attempts, SEND_RETRY_POLICY, NOW).notBefore,
    );
    expect(waits).toEqual([
      later(1000),
      later(2000),
      later(4000),
      later(32_000),
      later(60_000),
      later(60_000),
    ]);
    expect(afterSend(throttled, 1, SEND_RETRY_POLICY, NOW)).toEqual({
      status: 'queued',
      detail: 'The SMS provider throttled the send',
      notBefore: later(1000),
      giveBack: true,
      recordOptOut: false,
    });
  });

  it('throttled with a hint: the hint, whatever the attempt', () => {
    expect(afterSend(new SmsThrottled({ retryAfterMs: 2500 }), 3, SEND_RETRY_POLICY, NOW).notBefore).toBe(
      later(2500),
    );
  });

  it('throttled on the tenth attempt: failed, retries exhausted, slot and spend given back', () => {
    expect(afterSend(new SmsThrottled({ retryAfterMs: 10 }), 10, SEND_RETRY_POLICY, NOW)).toEqual({
      status: 'failed',
      reason: 'retries_exhausted',
      detail: 'The SMS provider throttled the send',
      giveBack: true,
      recordOptOut: false,
    });
  });

  it('unavailable and certainly not sent: queued again after 1 s × 2^attempts; failed on the sixth', () => {
    const down = new SmsUnavailable('network', { maybeSent: false });
    expect([1, 2, 5].map((attempts) => afterSend(down, attempts, SEND_RETRY_POLICY, NOW).notBefore)).toEqual([
      later(2000),
      later(4000),
      later(32_000),
    ]);
    expect(afterSend(down, 6, SEND_RETRY_POLICY, NOW)).toEqual({
      status: 'failed',
      reason: 'retries_exhausted',
      detail: 'The SMS provider is unavailable (network)',
      giveBack: true,
      recordOptOut: false,
    });
  });

  it('unavailable and maybe sent: failed, outcome unknown, never retried, nothing given back', () => {
    expect(
      afterSend(new SmsUnavailable('provider_error', { maybeSent: true }), 1, SEND_RETRY_POLICY, NOW),
    ).toEqual({
      status: 'failed',
      reason: 'outcome_unknown',
      detail: 'The SMS provider is unavailable (provider_error)',
      giveBack: false,
      recordOptOut: false,
    });
  });

  it('an error that is no provider failure: failed, outcome unknown, its message cut to 200', () => {
    const outcome = notSent(new Error('x'.repeat(300)));
    expect(afterSend(outcome, 1, SEND_RETRY_POLICY, NOW)).toEqual({
      status: 'failed',
      reason: 'outcome_unknown',
      detail: 'x'.repeat(200),
      giveBack: false,
      recordOptOut: false,
    });
  });

  it('opted out at the provider: suppressed, the opt-out written back, slot and spend given back', () => {
    expect(afterSend(new SmsOptedOut(), 1, SEND_RETRY_POLICY, NOW)).toEqual({
      status: 'suppressed',
      reason: 'opted_out_at_provider',
      giveBack: true,
      recordOptOut: true,
    });
  });

  it('rejected: failed with the rejection’s reason', () => {
    expect(
      afterSend(new SmsRejected('invalid_number', { detail: 'bad' }), 1, SEND_RETRY_POLICY, NOW),
    ).toEqual({
      status: 'failed',
      reason: 'rejected_invalid_number',
      detail: 'The SMS provider rejected the message (invalid_number): bad',
      giveBack: true,
      recordOptOut: false,
    });
  });
});

describe('when the opt-out check failed before the claim', () => {
  it('opted out: suppressed and written back, nothing to give back', () => {
    expect(afterOptOutCheck(new SmsOptedOut(), NOW)).toEqual({
      status: 'suppressed',
      reason: 'opted_out_at_provider',
      giveBack: false,
      recordOptOut: true,
    });
  });
  it('anything else: queued again after the hint, or a second', () => {
    expect(afterOptOutCheck(new SmsThrottled({ retryAfterMs: 300 }), NOW).notBefore).toBe(later(300));
    expect(afterOptOutCheck(new SmsThrottled(), NOW).notBefore).toBe(later(1000));
    expect(afterOptOutCheck(notSent(new Error('socket hang up')), NOW)).toEqual({
      status: 'queued',
      detail: 'socket hang up',
      notBefore: later(1000),
      giveBack: false,
      recordOptOut: false,
    });
  });
});

const REASONS: SmsRejectionReason[] = ['invalid_number', 'content', 'invalid_request'];
const failure: fc.Arbitrary<NotSent> = fc.oneof(
  fc.option(fc.nat(120_000), { nil: undefined }).map((retryAfterMs) => new SmsThrottled({ retryAfterMs })),
  fc.constant(new SmsOptedOut()),
  fc.constantFrom(...REASONS).map((reason) => new SmsRejected(reason)),
  fc.boolean().map((maybeSent) => new SmsUnavailable('network', { maybeSent })),
  fc.string().map((message) => notSent(new Error(message))),
);
const rule = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 20 }),
  baseMs: fc.integer({ min: 1, max: 10_000 }),
  maxDoublings: fc.integer({ min: 0, max: 12 }),
  maxMs: fc.integer({ min: 1, max: 600_000 }),
});
const policy: fc.Arbitrary<RetryPolicy> = fc.record({ throttled: rule, unavailable: rule });
const attempts = fc.integer({ min: 1, max: 40 });
const retriable = (outcome: NotSent) =>
  outcome.kind === 'throttled' || (outcome.kind === 'unavailable' && !outcome.maybeSent);

describe('after the provider answered (rules for any policy)', () => {
  it('a message queued again never waits for an instant before now', () => {
    fc.assert(
      fc.property(failure, attempts, policy, (outcome, n, p) => {
        const next = afterSend(outcome, n, p, NOW);
        if (next.status === 'queued')
          expect(Date.parse(next.notBefore!)).toBeGreaterThanOrEqual(NOW.getTime());
      }),
    );
  });

  it('attempts at or past the limit always end in a final failure', () => {
    fc.assert(
      fc.property(failure, attempts, policy, (outcome, n, p) => {
        const limit = outcome.kind === 'throttled' ? p.throttled.maxAttempts : p.unavailable.maxAttempts;
        fc.pre(n >= limit);
        expect(afterSend(outcome, n, p, NOW).status).not.toBe('queued');
      }),
    );
  });

  it('only a throttle or a certain non-send is retried; the rest are final at once', () => {
    fc.assert(
      fc.property(failure, attempts, policy, (outcome, n, p) => {
        const next = afterSend(outcome, n, p, NOW);
        const limit = outcome.kind === 'throttled' ? p.throttled.maxAttempts : p.unavailable.maxAttempts;
        expect(next.status === 'queued').toBe(retriable(outcome) && n < limit);
        if (next.status === 'failed' && next.reason === 'retries_exhausted')
          expect(retriable(outcome)).toBe(true);
      }),
    );
  });

  it('what may have gone out is never given back; what surely did not always is', () => {
    fc.assert(
      fc.property(failure, attempts, policy, (outcome, n, p) => {
        const next = afterSend(outcome, n, p, NOW);
        expect(next.giveBack).toBe(next.reason !== 'outcome_unknown');
        expect(next.recordOptOut).toBe(outcome.kind === 'opted_out');
      }),
    );
  });

  it('the backoff grows with the attempts and never passes its cap', () => {
    fc.assert(
      fc.property(rule, fc.nat(40), (r, n) => {
        expect(backoffMs(r, n + 1)).toBeGreaterThanOrEqual(backoffMs(r, n));
        expect(backoffMs(r, n)).toBeLessThanOrEqual(r.maxMs);
      }),
    );
  });
});
