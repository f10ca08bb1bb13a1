// Each SMS provider's own flow control (流控) beside our pace: sends to one number it refuses beyond
// its limits (Alibaba Cloud SMS, by default: notices and marketing 50 a natural day per signature ×
// template × number; verification codes 1 a minute, 5 an hour and 10 a day per signature × number.
// Tencent Cloud SMS, by default (its console changes them): the same content to one number once in
// 30 s, and 2 a natural day to one number). The rule says when the next send under one key may go
// so that none of the channel's limits is broken; the dispatch counts each key's sends in its claim
// (limitCharges, below) and defers a message whose send would break one. A send the provider
// refuses anyway comes back as `throttled` and is retried. Pure: the sends and the instant are given.
import { SHANGHAI_OFFSET_MS } from '#shared/clock.js';
import type { SmsChannelName } from '#shared/sms/channel.js';

export interface ProviderLimit {
  /** `rolling`: any window of `ms`; `day`: the natural day in Beijing time. */
  window: { kind: 'rolling'; ms: number } | { kind: 'day' };
  /** Sends allowed inside one window. */
  max: number;
  /** What the provider counts under one key. */
  per: 'signature+template+number' | 'signature+number' | 'content+number' | 'number';
  /** The template type it applies to (`any`: every type). */
  applies: 'notice' | 'verification' | 'any';
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
  // the console's defaults (频率限制): keep in step when ops change them there
  tencent: [
    { window: { kind: 'rolling', ms: 30_000 }, max: 1, per: 'content+number', applies: 'any' },
    { window: { kind: 'day' }, max: 2, per: 'number', applies: 'any' },
  ],
  // the bank's own platform keeps its limits and answers NUMBER_LIMIT (throttled): docs/sms-gateway.md
  'bank-gateway': [],
};

/** The limits of a channel for what we send (notices and marketing: we send no verification codes). */
export const noticeLimits = (channel: SmsChannelName): ProviderLimit[] =>
  PROVIDER_LIMITS[channel].filter((l) => l.applies !== 'verification');

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

/**
 * Whether a limit can be counted exactly by one conditional write: a day's counter (ADD under
 * `sent < max`), or a rolling window of one send (the last send's instant, set under `lastAt <= now
 * − window`). A rolling window of more would need the window's log: no channel's notices have one.
 */
export const countable = (limit: ProviderLimit): boolean => limit.window.kind === 'day' || limit.max === 1;

/** One message as a provider's flow control sees it. */
export interface LimitSubject {
  channel: SmsChannelName;
  /**
   * The provider template it goes out on (our id for it: one deployment has one signature, so
   * signature × template is the template).
   */
  template: string;
  phone: string;
  /** What the number receives (the text, or the template and its values). */
  content: string;
}

/** One limit one send is counted against: what is counted, and in which window. */
export interface LimitCharge {
  /** What the provider counts, window included: the adapter keys (and hashes) it. */
  counted: string;
  max: number;
  window: { kind: 'day'; endsAt: number } | { kind: 'rolling'; ms: number };
  /** The send's instant (ms). */
  at: number;
  /** For the deferred message's detail: `aliyun: 50 a day per signature+template+number`. */
  rule: string;
}

const countedOf = (limit: ProviderLimit, subject: LimitSubject): string => {
  switch (limit.per) {
    case 'signature+template+number':
      return `template=${subject.template}|number=${subject.phone}`;
    case 'signature+number':
    case 'number':
      return `number=${subject.phone}`;
    case 'content+number':
      return `content=${subject.content}|number=${subject.phone}`;
  }
};

/** The charges one send at `at` makes against the channel's notice limits. */
export const limitCharges = (subject: LimitSubject, at: number): LimitCharge[] =>
  noticeLimits(subject.channel)
    .filter(countable)
    .map((limit) => {
      const window =
        limit.window.kind === 'day'
          ? { kind: 'day' as const, endsAt: beijingDayStart(at) + DAY }
          : { kind: 'rolling' as const, ms: limit.window.ms };
      const span = window.kind === 'day' ? `day=${beijingDayStart(at)}` : `rolling=${window.ms}`;
      return {
        counted: `${subject.channel}|${limit.per}|${span}|${countedOf(limit, subject)}`,
        max: limit.max,
        window,
        at,
        rule: `${subject.channel}: ${limit.max} ${window.kind === 'day' ? 'a Beijing day' : `in ${window.ms / 1000} s`} per ${limit.per}`,
      };
    });

/**
 * When a message refused by these charges may go: the latest end of the refusing windows (a day's
 * end; a rolling window's from its last send, when known, else from this send: never too early).
 */
export const deferredUntil = (
  refused: readonly { charge: LimitCharge; lastAt?: number }[],
  nowMs: number,
): number =>
  refused.reduce((until, { charge, lastAt }) => {
    const end =
      charge.window.kind === 'day' ? charge.window.endsAt : (lastAt ?? charge.at) + charge.window.ms;
    return Math.max(until, end);
  }, nowMs);
