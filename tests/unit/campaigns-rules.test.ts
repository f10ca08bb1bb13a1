// Campaign rules without AWS: templates, send windows, the compliance gate, opt-out replies,
// the lifecycle's transitions and the pacer's promise never to exceed the rate in any second.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkMarketingTemplate, render, SAMPLE_VALUES } from '#shared/campaigns/template.js';
import { inWindow, nextWindowOpening } from '#shared/campaigns/window.js';
import { capReason, judge, type GateInput } from '#shared/campaigns/compliance-gate.js';
import { isOptOutReply } from '#shared/consent/consent.js';
import { nextStatus } from '#shared/campaigns/campaign.js';
import { emptyPacer, planSlots } from '#shared/campaigns/pacer.js';

const GOOD = '【示例银行】尊敬的{name}，您的专属客户经理{managerName}为您准备了新品理财。回复TD退订';

describe('marketing templates', () => {
  it('accepts a signed template with an opt-out and known placeholders, and counts its parts', () => {
    const check = checkMarketingTemplate(GOOD);
    expect(check.errors).toEqual([]);
    expect(check.placeholders).toEqual(['name', 'managerName']);
    expect(check.parts).toBe(1);
    expect(render(GOOD, SAMPLE_VALUES)).toContain('王小明');
  });
  it('refuses a missing signature, a missing opt-out, an unknown placeholder, each with its path', () => {
    expect(checkMarketingTemplate('尊敬的客户，新品上线。回复TD退订').errors).toEqual([
      { path: 'template.text', message: expect.stringContaining('signature') },
    ]);
    expect(checkMarketingTemplate('【示例银行】新品上线').errors).toEqual([
      { path: 'template.text', message: expect.stringContaining('opt out') },
    ]);
    expect(checkMarketingTemplate('【示例银行】{nickname}您好。拒收请回复R').errors).toEqual([
      { path: 'template.text', message: expect.stringContaining('{nickname}') },
    ]);
  });
  it('counts a long Chinese text in 67-character parts', () => {
    expect(checkMarketingTemplate(`【示例银行】${'好'.repeat(120)}回复TD退订`).parts).toBe(2);
  });
});

describe('send windows (Asia/Shanghai)', () => {
  const window = { start: '08:00', end: '21:00' };
  it('opens at 08:00 and closes at 21:00 Shanghai time', () => {
    expect(inWindow(new Date('2026-11-20T00:00:00Z'), window)).toBe(true); // 08:00
    expect(inWindow(new Date('2026-11-19T23:59:59Z'), window)).toBe(false); // 07:59:59
    expect(inWindow(new Date('2026-11-20T12:59:59Z'), window)).toBe(true); // 20:59:59
    expect(inWindow(new Date('2026-11-20T13:00:00Z'), window)).toBe(false); // 21:00
  });
  it('a message outside waits for the next opening', () => {
    expect(nextWindowOpening(new Date('2026-11-20T14:00:00Z'), window).toISOString()).toBe(
      '2026-11-21T00:00:00.000Z',
    );
    expect(nextWindowOpening(new Date('2026-11-19T20:00:00Z'), window).toISOString()).toBe(
      '2026-11-20T00:00:00.000Z',
    );
  });
  it('never says "send" outside the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 * 86_400_000 }), (offset) => {
        const now = new Date(Date.parse('2026-11-16T00:00:00Z') + offset);
        const decision = judge({ ...baseGate(), now });
        const local = new Date(now.getTime() + 8 * 3_600_000);
        const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
        if (decision.action === 'send') {
          expect(minutes).toBeGreaterThanOrEqual(480);
          expect(minutes).toBeLessThan(1260);
        }
        if (decision.action === 'wait') expect(inWindow(decision.until, window)).toBe(true);
      }),
    );
  });
});

const baseGate = (): GateInput => ({
  now: new Date('2026-11-20T02:00:00Z'),
  campaign: {
    campaignId: 'C1',
    scopeOrgPath: '/HO/BJ/',
    endAt: '2026-12-31T00:00:00Z',
    window: { start: '08:00', end: '21:00' },
  },
  customer: { orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/', phone: '+8613800000001' },
  standing: { consent: 'granted', phoneOptedOut: false },
  sends: {},
  caps: { perDay: 1, per7Days: 2 },
});

describe('the compliance gate', () => {
  it('sends to a consenting, in-scope customer inside the window under the caps', () => {
    expect(judge(baseGate())).toEqual({ action: 'send' });
  });
  it('suppresses with the reason: no consent, withdrawn, opted out, out of scope, no phone, caps, ended', () => {
    const g = baseGate();
    expect(judge({ ...g, standing: { consent: 'none', phoneOptedOut: false } })).toEqual({
      action: 'suppress',
      reason: 'no_consent',
    });
    expect(judge({ ...g, standing: { consent: 'withdrawn', phoneOptedOut: false } })).toEqual({
      action: 'suppress',
      reason: 'consent_withdrawn',
    });
    expect(judge({ ...g, standing: { consent: 'granted', phoneOptedOut: true } })).toEqual({
      action: 'suppress',
      reason: 'opted_out',
    });
    expect(judge({ ...g, customer: { orgPath: '/HO/SH/', phone: '+8613800000001' } })).toEqual({
      action: 'suppress',
      reason: 'out_of_scope',
    });
    expect(judge({ ...g, customer: { orgPath: '/HO/BJ/' } })).toEqual({
      action: 'suppress',
      reason: 'no_phone',
    });
    expect(judge({ ...g, sends: { OTHER: '2026-11-20' } })).toEqual({
      action: 'suppress',
      reason: 'frequency_cap_daily',
    });
    expect(judge({ ...g, sends: { A: '2026-11-15', B: '2026-11-18' } })).toEqual({
      action: 'suppress',
      reason: 'frequency_cap_weekly',
    });
    expect(judge({ ...g, sends: { A: '2026-11-13', B: '2026-11-18' } })).toEqual({ action: 'send' });
    expect(judge({ ...g, now: new Date('2027-01-01T02:00:00Z') })).toEqual({
      action: 'suppress',
      reason: 'campaign_ended',
    });
  });
  it('caps count other campaigns only (the same campaign is the one-per-campaign rule)', () => {
    expect(capReason({ C1: '2026-11-20' }, 'C1', '2026-11-20', { perDay: 1, per7Days: 2 })).toBeUndefined();
  });
});

describe('opt-out replies', () => {
  it.each(['TD', 'td', ' T ', 'N', 'R', 'STOP', '退订', '请退订', '拒收', 'Ｔ　Ｄ'])(
    '%s opts out',
    (text) => {
      expect(isOptOutReply(text)).toBe(true);
    },
  );
  it.each(['Thanks', '好的', 'NO PROBLEM', '谢谢'])('%s does not', (text) => {
    expect(isOptOutReply(text)).toBe(false);
  });
});

describe('campaign lifecycle', () => {
  it('only approved campaigns start; approval only from pending; pause/resume come back', () => {
    expect(nextStatus({ status: 'draft' }, 'approve')).toBeUndefined();
    expect(nextStatus({ status: 'draft' }, 'submit')).toBe('pending_approval');
    expect(nextStatus({ status: 'pending_approval' }, 'approve')).toBe('approved');
    expect(nextStatus({ status: 'pending_approval' }, 'reject')).toBe('rejected');
    expect(nextStatus({ status: 'running' }, 'pause')).toBe('paused');
    expect(nextStatus({ status: 'paused', pausedFrom: 'running' }, 'resume')).toBe('running');
    expect(nextStatus({ status: 'completed' }, 'cancel')).toBeUndefined();
  });
});

describe('the pacer', () => {
  it('never plans more parts than the rate in any window of 1 s + margin, and keeps close to the rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 20 }),
        (rate, marginMs, parts, gaps) => {
          let state = emptyPacer();
          let now = 1_000_000;
          const planned: [number, number][] = [];
          parts.forEach((p, i) => {
            now += gaps[i % gaps.length]!;
            const result = planSlots(state, now, [p], { rate, marginMs });
            state = result.state;
            expect(result.slots[0]!).toBeGreaterThanOrEqual(now);
            planned.push([result.slots[0]!, Math.min(p, rate)]);
          });
          for (const [end] of planned) {
            const used = planned
              .filter(([t]) => t > end - 1000 - marginMs && t <= end)
              .reduce((s, [, n]) => s + n, 0);
            expect(used).toBeLessThanOrEqual(rate);
          }
        },
      ),
    );
  });
  it('spreads single-part messages evenly: 95% or more of the rate with a 40 ms margin', () => {
    const { slots } = planSlots(emptyPacer(), 0, Array(200).fill(1), { rate: 20, marginMs: 40 });
    const achieved = (slots.length - 1) / ((slots.at(-1)! - slots[0]!) / 1000);
    expect(achieved).toBeGreaterThanOrEqual(19);
    expect(achieved).toBeLessThanOrEqual(20);
  });
});
