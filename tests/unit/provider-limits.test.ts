// Each provider's own flow control as a pure rule: the next send it allows keeps every limit, it is
// never earlier than asked, and nothing earlier would have done.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PROVIDER_LIMITS,
  nextSendWithinLimits,
  noticeLimits,
  withinLimits,
  type ProviderLimit,
} from '#shared/campaigns/provider-limits.js';

const T0 = Date.parse('2026-11-20T02:00:00Z'); // 10:00 Beijing
const MINUTE = 60_000;

const aLimit: fc.Arbitrary<ProviderLimit> = fc.record({
  window: fc.oneof(
    fc.constant({ kind: 'day' as const }),
    fc.integer({ min: 1, max: 120 }).map((m) => ({ kind: 'rolling' as const, ms: m * MINUTE })),
  ),
  max: fc.integer({ min: 1, max: 6 }),
  per: fc.constant('signature+template+number' as const),
  applies: fc.constant('notice' as const),
});

describe('a provider’s limits per number', () => {
  it('Alibaba: the 51st notice of a Beijing day waits for the next day’s midnight (Beijing)', () => {
    const limits = noticeLimits('aliyun');
    const sent = Array.from({ length: 50 }, (_, i) => T0 + i * MINUTE);
    const now = T0 + 60 * MINUTE;
    expect(withinLimits(limits, sent.slice(0, 49), now)).toBe(true);
    expect(new Date(nextSendWithinLimits(limits, sent, now)).toISOString()).toBe('2026-11-20T16:00:00.000Z');
  });

  it('Alibaba’s verification-code limits are kept apart: we send none', () => {
    expect(PROVIDER_LIMITS.aliyun.filter((l) => l.applies === 'verification').map((l) => l.max)).toEqual([
      1, 5, 10,
    ]);
    expect(noticeLimits('sns')).toEqual([]);
  });

  it('the next send keeps every limit, is never before now, and nothing earlier would', () => {
    fc.assert(
      fc.property(
        fc.array(aLimit, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 48 * 60 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 24 * 60 }),
        (limits, minutesBefore, nowOffset) => {
          const now = T0 + nowOffset * MINUTE;
          const sent = minutesBefore.map((m) => now - m * MINUTE);
          const at = nextSendWithinLimits(limits, sent, now);
          expect(at).toBeGreaterThanOrEqual(now);
          expect(withinLimits(limits, sent, at)).toBe(true);
          // minimal: a minute earlier (if still from now on) breaks a limit
          if (at - MINUTE >= now) expect(withinLimits(limits, sent, at - MINUTE)).toBe(false);
        },
      ),
    );
  });

  it('with no limits a send goes now', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (sent, now) => {
        expect(nextSendWithinLimits([], sent, now)).toBe(now);
      }),
    );
  });
});
