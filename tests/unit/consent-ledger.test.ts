// The consent ledger's rules, property-tested against an in-memory twin of its store: only the
// customer's own act grants (a branch counter form, their 订阅 reply); a refusal always lands and
// wins over a grant that was under way when it did, in any interleaving; one at a time, the state
// is what the latest refusal or grant by the customer's act says.
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import type { Caller } from '#shared/auth/caller.js';
import type { Customer } from '#shared/customers/customer.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import {
  consentStanding,
  grantRefusal,
  isOptInReply,
  isOptOutReply,
  projectedSmsConsent,
} from '#shared/consent/consent.js';
import { recordConsent, recordInboundReply } from '#shared/consent/ledger.js';
import { customerSubject } from '#shared/consent/subjects.js';
import { memoryConsentStore } from '../support/memory-consent-store.js';

const NOW = '2026-11-20T02:00:00.000Z';
const PHONE = '+8613800000001';
const customer = {
  customerId: 'C0000001',
  phone: PHONE,
  managerId: 'rm-1',
  orgId: 'BJ-CY-WJ',
  orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
  smsConsent: true,
} as Customer;
const customers = {
  get: async (id: string) => (id === customer.customerId ? customer : undefined),
} as CustomerStore;
const rm: Caller = {
  staffId: 'rm-1',
  name: 'RM',
  role: 'rm',
  orgId: customer.orgId,
  orgPath: customer.orgPath,
};

describe('who may grant', () => {
  it('only an RM or branch manager at a branch, from a signed form; withdrawals from anyone', () => {
    expect(grantRefusal(rm, { consent: 'granted', source: 'counter' })).toBeUndefined();
    expect(grantRefusal(rm, { consent: 'granted', source: 'paper_form' })).toBeUndefined();
    expect(grantRefusal(rm, { consent: 'granted', source: 'phone_call' })?.status).toBe(409);
    expect(
      grantRefusal({ role: 'admin', orgPath: '/HO/' }, { consent: 'granted', source: 'counter' })?.status,
    ).toBe(403);
    expect(
      grantRefusal({ role: 'branch_manager', orgPath: '/HO/' }, { consent: 'granted', source: 'counter' })
        ?.status,
    ).toBe(403);
    expect(
      grantRefusal({ role: 'marketing', orgPath: '/HO/BJ/' }, { consent: 'granted', source: 'counter' })
        ?.status,
    ).toBe(403);
    expect(
      grantRefusal({ role: 'branch_manager', orgPath: '/HO/BJ/' }, { consent: 'granted', source: 'counter' }),
    ).toBeUndefined();
    expect(
      grantRefusal({ role: 'admin', orgPath: '/HO/' }, { consent: 'withdrawn', source: 'phone_call' }),
    ).toBeUndefined();
  });
  it('the record’s smsConsent never counts: the ledger alone says', () => {
    expect(consentStanding(customer, undefined, undefined)).toMatchObject({
      consent: 'none',
      phoneOptedOut: false,
    });
    const ofAnother = { customerId: 'C9', consent: 'granted', source: 'counter', by: 'x', at: NOW } as const;
    expect(consentStanding(customer, ofAnother, undefined).consent).toBe('none');
    expect(projectedSmsConsent({ consent: 'granted', phoneOptedOut: true })).toBe(false);
  });
  it('an opt-in reply is exactly a keyword, and never one that refuses', () => {
    for (const text of ['订阅', ' 恢复订阅！', 'start', 'ＳＵＢＳＣＲＩＢＥ'])
      expect(isOptInReply(text)).toBe(true);
    for (const text of ['取消订阅', '订阅吗我不要再发', 'TD', '好的订阅一下', 'Thanks'])
      expect(isOptInReply(text)).toBe(false);
    fc.assert(fc.property(fc.string(), (text) => !(isOptInReply(text) && isOptOutReply(text))));
  });
});

type Op = 'td' | 'subscribe' | 'counter' | 'call' | 'withdraw';
const OP = fc.constantFrom<Op>('td', 'subscribe', 'counter', 'call', 'withdraw');
const GRANTS: Op[] = ['subscribe', 'counter'];

const setup = (step?: () => Promise<void>) => {
  const als = new AsyncLocalStorage<string>();
  const twin = memoryConsentStore(new Map([[PHONE, [customer]]]), { step, opOf: () => als.getStore() });
  // the seed: the account-opening form
  twin.current.set(customerSubject(customer.customerId), {
    customerId: customer.customerId,
    consent: 'granted',
    source: 'account_opening',
    by: 'rm-1',
    at: '2020-01-01T00:00:00.000Z',
    version: 1,
  });
  const ctx = { caller: rm, correlationId: 'c', clock: fixedClock(NOW), ids: ulidGenerator() };
  const deps = { customers, consent: twin.store };
  let n = 0;
  const run = (op: Op, id: string) =>
    als.run(id, async () => {
      n += 1;
      switch (op) {
        case 'td':
          return recordInboundReply(
            twin.store,
            { messageId: `m${n}`, from: PHONE, text: 'TD' },
            new Date(NOW),
          );
        case 'subscribe':
          return recordInboundReply(
            twin.store,
            { messageId: `m${n}`, from: PHONE, text: '订阅' },
            new Date(NOW),
          );
        case 'withdraw':
          return recordConsent(deps, ctx, customer.customerId, {
            consent: 'withdrawn',
            source: 'counter',
            evidence: `f-${n}`,
          });
        default:
          return recordConsent(deps, ctx, customer.customerId, {
            consent: 'granted',
            source: op === 'counter' ? 'counter' : 'phone_call',
            evidence: `f-${n}`,
          });
      }
    });
  const mayReceive = () => {
    const consent = twin.current.get(customerSubject(customer.customerId));
    const phone = twin.current.get(`phone#${PHONE}`);
    return consent?.consent === 'granted' && phone?.optedOut !== true;
  };
  return { twin, run, mayReceive };
};

describe('a refusal always wins', () => {
  it('one at a time: the latest refusal or grant by the customer’s own act decides', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(OP, { maxLength: 8 }), async (ops) => {
        const { run, mayReceive } = setup();
        for (const [i, op] of ops.entries()) await run(op, String(i)).catch(() => undefined);
        const decisive = ops.filter((op) => op !== 'call').at(-1);
        expect(mayReceive()).toBe(decisive === undefined || GRANTS.includes(decisive));
      }),
      { numRuns: 150 },
    );
  });

  it('in any interleaving: every refusal lands, no grant lands over a refusal it did not see, the last write decides', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(OP, { minLength: 1, maxLength: 6 }), async (s, ops) => {
        const { twin, run, mayReceive } = setup(() => s.schedule(Promise.resolve()).then(() => undefined));
        const outcomes = ops.map((op, i) =>
          run(op, String(i)).then(
            (value) => ({ ok: true as const, value }),
            (error: { status?: number }) => ({ ok: false as const, status: error.status }),
          ),
        );
        const results = await s.waitFor(Promise.all(outcomes));
        const { steps } = twin;
        ops.forEach((op, i) => {
          const result = results[i]!;
          const mine = steps.filter((st) => st.op === String(i));
          if (op === 'td' || op === 'withdraw') {
            expect(result.ok).toBe(true);
            expect(mine.some((st) => st.kind === 'refuse')).toBe(true);
          }
          if (op === 'call') {
            expect(result).toEqual({ ok: false, status: 409 });
            expect(mine.some((st) => st.kind === 'grant')).toBe(false);
          }
          if (op === 'counter' && !result.ok) expect(result.status).toBe(409);
          // a grant that landed saw every refusal of what it wrote or checked: none between its read of
          // a subject and its write; a grant refused was refused because something landed in between
          for (const [at, st] of steps.entries()) {
            if (st.op !== String(i) || (st.kind !== 'grant' && st.kind !== 'grant_refused')) continue;
            const landedSinceRead = st.subjects.map((subject) => {
              const read = steps.findLastIndex(
                (r, j) => j < at && r.op === String(i) && r.kind === 'read' && r.subjects.includes(subject),
              );
              expect(read).toBeGreaterThanOrEqual(0);
              return steps.slice(read + 1, at).filter((w) => w.wrote?.includes(subject));
            });
            if (st.kind === 'grant') expect(landedSinceRead.flat()).toEqual([]);
            else expect(landedSinceRead.flat().length).toBeGreaterThan(0);
          }
        });
        const writes = steps.filter((st) => st.kind === 'grant' || st.kind === 'refuse');
        expect(mayReceive()).toBe(writes.length === 0 || writes.at(-1)!.kind === 'grant');
      }),
      { numRuns: 200 },
    );
  });
});
