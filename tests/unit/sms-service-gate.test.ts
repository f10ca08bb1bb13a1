// The service SMS gate and the sender behind it: no marketing wording (refused when a rule is saved
// and at send), the 【signature】, a refusal honoured unless the notice is strictly about the
// customer's own account, the send window except for security notices; sent once per request.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TriggerRuleInput } from '#shared/monitoring/rule.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import {
  judgeServiceSms,
  MARKETING_WORDS,
  marketingWords,
  purposeOfRule,
  SERVICE_SMS_PURPOSES,
  serviceTemplateProblems,
  type ServiceGateInput,
} from '#shared/sms/service-gate.js';
import { sendServiceSms } from '#shared/sms/service-send.js';
import type { ServiceSmsOutcome } from '#shared/sms/ports.js';
import { SmsOptedOut, type SmsMessage } from '#shared/sms/provider.js';
import type { Customer } from '#shared/customers/customer.js';
import { customerSubject, phoneSubject } from '#shared/consent/subjects.js';
import { memoryConsentStore } from '../support/memory-consent-store.js';

const WINDOW = { start: '08:00', end: '21:00' };
const AT_10 = new Date('2026-11-20T02:00:00Z'); // 10:00 Shanghai
const AT_22 = new Date('2026-11-20T14:00:00Z'); // 22:00 Shanghai
const CLEAN =
  '【示例银行】尊敬的客户，您的账户于{businessDate}转出{absAmountYuan}，如非本人操作请致电95555。';

const input = (overrides: Partial<ServiceGateInput> = {}): ServiceGateInput => ({
  now: AT_10,
  purpose: 'relationship',
  template: CLEAN,
  text: CLEAN,
  phone: '+8613800000001',
  standing: { consent: 'granted', phoneOptedOut: false },
  ...overrides,
  window: WINDOW,
});

const purpose = fc.constantFrom(...SERVICE_SMS_PURPOSES);
const standing = fc.record({
  consent: fc.constantFrom('granted' as const, 'withdrawn' as const, 'none' as const),
  phoneOptedOut: fc.boolean(),
});
const instant = fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true });

describe('service templates', () => {
  it('refuse marketing wording and a missing signature; the built-in templates pass', () => {
    expect(serviceTemplateProblems(CLEAN)).toEqual([]);
    expect(serviceTemplateProblems('【示例银行】您的存款到期，限时理财优惠')[0]).toMatch(
      /may not market.*限时|理财/,
    );
    expect(serviceTemplateProblems('您的存款已到期')).toEqual([expect.stringMatching(/signature/)]);
    expect(marketingWords('【示例银行】推荐 ＊理＊财')).toEqual(['推荐']);
    expect(marketingWords('【示例银行】新品理财 收益高')).toEqual(['理财', '收益', '新品']);
    for (const rule of DEFAULT_RULES.filter((r) => r.serviceSms))
      expect(serviceTemplateProblems(rule.serviceSms!.template), rule.ruleId).toEqual([]);
  });
  it('a rule saved with a marketing service SMS is refused, naming the field', () => {
    const result = TriggerRuleInput.safeParse({
      name: '到期提醒',
      severity: 'medium',
      when: { fact: 'category', operator: 'eq', value: 'maturity' },
      dedup: { windowDays: 1 },
      alert: { title: '到期', slaHours: 48 },
      serviceSms: { template: '【示例银行】您的存款已到期，了解新产品请联系客户经理' },
    });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join('.') === 'serviceSms.template');
    expect(issue?.message).toMatch(/产品/);
  });
  it('large-outflow notices are security notices; anything else holds to a refusal', () => {
    expect(purposeOfRule('outflow-other-bank')).toBe('security');
    expect(purposeOfRule('maturity')).toBe('relationship');
    expect(purposeOfRule('an-admins-new-rule')).toBe('relationship');
  });
});

describe('the service SMS gate', () => {
  it('never sends a template with a marketing word, whatever it is about', () => {
    fc.assert(
      fc.property(
        purpose,
        standing,
        instant,
        fc.constantFrom(...MARKETING_WORDS),
        fc.nat(40),
        (p, s, now, word, at) => {
          const template =
            CLEAN.slice(0, 6 + (at % (CLEAN.length - 6))) + word + CLEAN.slice(6 + (at % (CLEAN.length - 6)));
          const decision = judgeServiceSms(input({ purpose: p, standing: s, now, template, text: template }));
          expect(decision).toMatchObject({ action: 'suppress', reason: 'marketing_wording' });
        },
      ),
    );
  });
  it('never sends without the signature', () => {
    fc.assert(
      fc.property(purpose, standing, instant, (p, s, now) => {
        const text = CLEAN.replace('【示例银行】', '');
        expect(judgeServiceSms(input({ purpose: p, standing: s, now, template: text, text }))).toMatchObject({
          action: 'suppress',
          reason: 'no_signature',
        });
      }),
    );
  });
  it('a refusal holds for relationship notices; security and account notices about their own account still go', () => {
    fc.assert(
      fc.property(purpose, standing, instant, (p, s, now) => {
        const decision = judgeServiceSms(input({ purpose: p, standing: s, now }));
        if (p === 'relationship' && (s.phoneOptedOut || s.consent === 'withdrawn'))
          expect(decision.action).toBe('suppress');
        if (p !== 'relationship') expect(decision.action).not.toBe('suppress');
        // a security notice goes at any hour; the others only inside the window
        if (p === 'security') expect(decision).toEqual({ action: 'send' });
        if (decision.action === 'send' && p !== 'security') {
          const wait = judgeServiceSms(input({ purpose: p, standing: s, now: AT_22 }));
          expect(wait.action).toBe('wait');
        }
        // no marketing consent is needed for a service SMS
        if (s.consent === 'none' && !s.phoneOptedOut && p === 'relationship')
          expect(decision.action).not.toBe('suppress');
      }),
    );
  });
});

describe('sending a service SMS an alert requested', () => {
  const customer = { customerId: 'C1', phone: '+8613800000001' } as Customer;
  const world = (opts: { optedOut?: boolean; providerOptedOut?: boolean } = {}) => {
    const twin = memoryConsentStore(new Map([[customer.phone!, [{ customerId: 'C1', orgPath: '/HO/BJ/' }]]]));
    if (opts.optedOut) {
      twin.current.set(phoneSubject(customer.phone!), { phone: customer.phone, optedOut: true, version: 1 });
      twin.current.set(customerSubject('C1'), { customerId: 'C1', consent: 'withdrawn', version: 1 });
    }
    const sent: SmsMessage[] = [];
    const states = new Map<string, { status: string } | ServiceSmsOutcome>();
    const deps = {
      customers: { get: async (id: string) => (id === 'C1' ? customer : undefined) },
      consent: twin.store,
      sms: {
        send: async (m: SmsMessage) => {
          if (opts.providerOptedOut) throw new SmsOptedOut();
          sent.push(m);
          return { providerMessageId: `pm-${sent.length}`, parts: 1, provider: 'test' };
        },
      },
      requests: {
        claim: async (alertId: string) => {
          if (states.get(alertId)?.status !== 'requested') return false;
          states.set(alertId, { status: 'sending' });
          return true;
        },
        settle: async (alertId: string, from: string, outcome: ServiceSmsOutcome) => {
          if (states.get(alertId)?.status !== from) return false;
          states.set(alertId, outcome);
          return true;
        },
      },
      window: WINDOW,
    };
    const request = (alertId: string, ruleId: string, template: string) => {
      states.set(alertId, { status: 'requested' });
      return {
        alertId,
        ruleId,
        customerId: 'C1',
        sms: { status: 'requested', text: template, template, idempotencyKey: `alert#${alertId}` },
      };
    };
    return { deps, sent, states, request, twin };
  };

  it('a maturity reminder to a number that refused: suppressed; a large-outflow notice: sent, once', async () => {
    const w = world({ optedOut: true });
    const maturity = w.request('A1', 'maturity', '【示例银行】您的定期存款已到期。');
    expect(await sendServiceSms(w.deps, maturity, AT_10)).toMatchObject({
      status: 'suppressed',
      reason: 'opted_out',
    });
    const outflow = w.request('A2', 'outflow-other-bank', CLEAN);
    expect(await sendServiceSms(w.deps, outflow, AT_22)).toMatchObject({ status: 'sent' });
    // the stream record again: nothing more
    expect(await sendServiceSms(w.deps, outflow, AT_22)).toBeUndefined();
    expect(w.sent.map((m) => [m.text, m.kind])).toEqual([[CLEAN, 'service']]);
  });
  it('the old maturity text that advertised products is never sent; out of the window, it is deferred', async () => {
    const w = world();
    const old = w.request(
      'A3',
      'maturity',
      '尊敬的客户，您的定期存款已到期。如需续存或了解新产品，请联系您的客户经理。',
    );
    expect(await sendServiceSms(w.deps, old, AT_10)).toMatchObject({
      status: 'suppressed',
      reason: 'no_signature',
    });
    const ad = w.request('A4', 'maturity', '【示例银行】您的定期存款已到期，了解新产品请联系客户经理。');
    expect(await sendServiceSms(w.deps, ad, AT_10)).toMatchObject({
      status: 'suppressed',
      reason: 'marketing_wording',
    });
    const late = w.request('A5', 'maturity', '【示例银行】您的定期存款已到期。');
    expect(await sendServiceSms(w.deps, late, AT_22)).toMatchObject({ status: 'deferred' });
    expect(w.sent).toEqual([]);
  });
  it('an opt-out the carrier reports is written back to the ledger', async () => {
    const w = world({ providerOptedOut: true });
    const outflow = w.request('A6', 'large-cash', CLEAN);
    expect(await sendServiceSms(w.deps, outflow, AT_10)).toMatchObject({
      status: 'suppressed',
      reason: 'opted_out_at_provider',
    });
    expect(w.twin.current.get(phoneSubject(customer.phone!))).toMatchObject({
      optedOut: true,
      source: 'provider',
    });
    expect(w.twin.current.get(customerSubject('C1'))).toMatchObject({ consent: 'withdrawn' });
  });
});
