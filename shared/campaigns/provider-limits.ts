// Each SMS provider's own flow control (流控) beside our pace: sends to one number it refuses beyond
// its limits (Alibaba Cloud SMS, by default: notices and marketing 50 a natural day per signature ×
// template × number; verification codes 1 a minute, 5 an hour and 10 a day per signature × number).
// The rule says when the next send under one key (signature, template, number) may go so that none
// of the channel's limits is broken; a send refused anyway comes back as `throttled` and is retried.
// Pure: the sends so far and the instant are passed in.
import { SHANGHAI_OFFSET_MS } from '#shared/clock.js';
import type { SmsChannelName } from '#shared/sms/channel.js';

export interface ProviderLimit {
  /** `rolling`: any window of `ms`; `day`: the natural day in Beijing time. */
  window: { kind: 'rolling'; ms: number } | { kind: 'day' };
  /** Sends allowed inside one window. */
  max: number;
  /** What the provider counts under one key. */
  per: 'signature+template+number' | 'signature+number';
  /** The template type it applies to. */
  applies: 'notice' | 'verification';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PROVIDER_LIMITS: Record<SmsChannelName, readonly ProviderLimit[]> = {
  sns: [],
  aliyun: [
    { window: { kind: 'day' }, max: 50, per: 'signature+template+number', applies: 'notice' },
    { window: { kind: 'rolling', ms: MINUTE }, max: 1, per: 'signature+number', applies: 'verification' },
    { window: { kind: 'rolling', ms: HOUR }, max: 5, per: 'signature+number', applies: 'verification' },
    { window: { kind: 'day' }, max: 10, per: 'signature+number', applies: 'verification' },
  ],
  // the other channels' limits: their helper fills these
  tencent: [],
  'bank-gateway': [],
};

/** The limits of a channel for what we send (notices and marketing: we send no verification codes). */
export const noticeLimits = (channel: SmsChannelName): ProviderLimit[] =>
  PROVIDER_LIMITS[channel].filter((l) => l.applies === 'notice');

/** Start of the Beijing natural day holding `ms`. */
const beijingDayStart = (ms: number): number => {
  const local = ms + SHANGHAI_OFFSET_MS;
  return local - (((local % DAY) + DAY) % DAY) - SHANGHAI_OFFSET_MS;
};

/** Sends of `sentAt` inside the limit's window ending at (and holding) `at`. */
const countIn = (limit: ProviderLimit, sentAt: readonly number[], at: number): number => {
  const from = limit.window.kind === 'day' ? beijingDayStart(at) : at - limit.window.ms + 1;
  return sentAt.filter((t) => t >= from && t <= at).length;
};

/** Whether one more send under this key at `at` keeps every limit. */
export const withinLimits = (
  limits: readonly ProviderLimit[],
  sentAt: readonly number[],
  at: number,
): boolean => limits.every((limit) => countIn(limit, sentAt, at) + 1 <= limit.max);

/**
 * The earliest instant from `nowMs` at which one more send under one key keeps every limit, given
 * the key's earlier sends (`sentAt`, ms, none after `nowMs`). `nowMs` itself when it may go now.
 */
export const nextSendWithinLimits = (
  limits: readonly ProviderLimit[],
  sentAt: readonly number[],
  nowMs: number,
): number => {
  let at = nowMs;
  // each step moves to where the oldest send of a full window leaves it: at most one step per send per limit
  for (let guard = 0; guard <= limits.length * (sentAt.length + 1); guard++) {
    const full = limits.find((limit) => countIn(limit, sentAt, at) + 1 > limit.max);
    if (!full) return at;
    const window = full.window;
    if (window.kind === 'day') {
      at = beijingDayStart(at) + DAY;
    } else {
      const inWindow = sentAt.filter((t) => t > at - window.ms && t <= at).sort((a, b) => a - b);
      // the window must drop enough of its oldest sends to make room for one
      const leaving = inWindow[inWindow.length - full.max]!;
      at = leaving + window.ms;
    }
  }
  return at;
};
