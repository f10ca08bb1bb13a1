// The charges the claim counts a send against, as the DynamoDB conditions count them (a day's
// counter taken while under its max, a rolling window's last send): a send goes exactly when the
// pure rule says one more keeps every limit, and a refused send's deferral lands where it may go.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SmsChannelName } from '#shared/sms/channel.js';
import {
  PROVIDER_LIMITS,
  countable,
  deferredUntil,
  limitCharges,
  noticeLimits,
  withinLimits,
  type LimitCharge,
  type LimitSubject,
} from '#shared/campaigns/provider-limits.js';

const T0 = Date.parse('2026-11-20T00:00:00Z'); // 08:00 Beijing
const SECOND = 1000;

/** The conditional writes of dynamo-message-claims.ts, on a map: all or nothing, as a transaction. */
const counterTable = () => {
  const items = new Map<string, { sent?: number; lastAt?: number }>();
  return {
    charge(charges: LimitCharge[]): { index: number; lastAt?: number }[] {
      const refused = charges.flatMap((c, index) => {
        const item = items.get(c.counted) ?? {};
        const ok =
          c.window.kind === 'day'
            ? (item.sent ?? 0) < c.max
            : item.lastAt === undefined || item.lastAt <= c.at - c.window.ms;
        return ok ? [] : [{ index, ...(item.lastAt === undefined ? {} : { lastAt: item.lastAt }) }];
      });
      if (refused.length > 0) return refused;
      for (const c of charges) {
        const item = items.get(c.counted) ?? {};
        items.set(c.counted, c.window.kind === 'day' ? { sent: (item.sent ?? 0) + 1 } : { lastAt: c.at });
      }
      return [];
    },
  };
};

const subject = (channel: SmsChannelName): LimitSubject => ({
  channel,
  template: 'marketing',
  phone: '+8613812345678',
  content: '【示例银行】您好。回复TD退订',
});

describe('the per-number limits as the claim counts them', () => {
  it('every notice limit a channel models can be counted by one conditional write', () => {
    for (const channel of Object.keys(PROVIDER_LIMITS) as SmsChannelName[])
      expect(noticeLimits(channel).every(countable)).toBe(true);
  });

  it('Tencent: the same content once in 30 s, two a Beijing day per number', () => {
    const charges = limitCharges(subject('tencent'), T0);
    expect(charges.map((c) => [c.window.kind, c.max])).toEqual([
      ['rolling', 1],
      ['day', 2],
    ]);
    expect(limitCharges(subject('sns'), T0)).toEqual([]);
    expect(limitCharges(subject('bank-gateway'), T0)).toEqual([]);
  });

  it('another number, template or day is counted apart; the same is counted together', () => {
    const [a] = limitCharges(subject('aliyun'), T0) as [LimitCharge];
    const [same] = limitCharges(subject('aliyun'), T0 + 3600 * SECOND) as [LimitCharge];
    const [otherNumber] = limitCharges({ ...subject('aliyun'), phone: '+8613800000000' }, T0) as [
      LimitCharge,
    ];
    const [otherTemplate] = limitCharges({ ...subject('aliyun'), template: 'x' }, T0) as [LimitCharge];
    const [nextDay] = limitCharges(subject('aliyun'), T0 + 16 * 3600 * SECOND) as [LimitCharge];
    expect(same.counted).toBe(a.counted);
    expect(new Set([a, otherNumber, otherTemplate, nextDay].map((c) => c.counted)).size).toBe(4);
  });

  it('a send goes exactly when one more keeps every limit; a refused one is deferred to where it may go', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SmsChannelName>('aliyun', 'tencent'),
        // attempts under one key, seconds apart, over up to three Beijing days
        fc.array(fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 6 * 3600 })), {
          minLength: 1,
          maxLength: 80,
        }),
        (channel, gaps) => {
          const limits = noticeLimits(channel);
          const table = counterTable();
          const sent: number[] = [];
          let at = T0;
          for (const gap of gaps) {
            at += gap * SECOND;
            const charges = limitCharges(subject(channel), at);
            const refused = table.charge(charges);
            expect(refused.length === 0).toBe(withinLimits(limits, sent, at));
            if (refused.length === 0) {
              sent.push(at);
              continue;
            }
            const until = deferredUntil(
              refused.map(({ index, lastAt }) => ({ charge: charges[index]!, lastAt })),
              at,
            );
            expect(until).toBeGreaterThan(at);
            // at the deferral, the refusing limits have room again
            const refusing = refused.map(({ index }) => limits[index]!);
            expect(withinLimits(refusing, sent, until)).toBe(true);
          }
        },
      ),
    );
  });

  it('the Alibaba 51st of a day: refused by the day counter, deferred to Beijing midnight', () => {
    const table = counterTable();
    for (let i = 0; i < 50; i++)
      expect(table.charge(limitCharges(subject('aliyun'), T0 + i * SECOND))).toEqual([]);
    const charges = limitCharges(subject('aliyun'), T0 + 60 * SECOND);
    const refused = table.charge(charges);
    expect(refused).toEqual([{ index: 0 }]);
    expect(new Date(deferredUntil([{ charge: charges[0]! }], T0)).toISOString()).toBe(
      '2026-11-20T16:00:00.000Z',
    );
  });
});
