// Consent the law would recognise (MIIT Order 31 Art. 18, Advertising Law Art. 43), over HTTP on
// DynamoDB Local: only the customer's own act lifts a refusal (their SMS reply, a form they signed at
// a branch counter); a refusal holds per number and per customer; the record's `smsConsent` is the
// ledger's projection; opting out a number is for those whose customers hold it, and audited; a
// refusal that lands while a grant is being written wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import type { ConsentStore } from '#shared/consent/ports.js';
import { recordConsent, recordInboundReply } from '#shared/consent/ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { theAuditTrailOf } from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;
let customers: Customer[];

const NOW = '2026-11-20T02:00:00.000Z';
let seq = 0;
const freshPhone = () =>
  `+86139${String(Date.now() % 100000).padStart(5, '0')}${String(seq++).padStart(3, '0')}`;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 80, now: NOW });
  api = apiClient(runtime);
  const scan = await runtime.document.send(new ScanCommand({ TableName: runtime.tableName('customers') }));
  customers = ((scan.Items ?? []) as Customer[]).sort((a, b) => a.customerId.localeCompare(b.customerId));
});
afterAll(async () => {
  await runtime?.stop();
});

/** A consenting customer of an RM of 朝阳 (BJ-CY), not used by another test. */
const used = new Set<string>();
const consentingOfCy = () => {
  const c = customers.find(
    (c) => c.orgPath.startsWith('/HO/BJ/BJ-CY/') && c.smsConsent && c.phone && !used.has(c.customerId),
  )!;
  used.add(c.customerId);
  return c;
};
const consentOf = async (customerId: string) =>
  (await api.get('bm-bj-cy', `/v1/customers/${customerId}/sms-consent`)).body;
const td = (phone: string, id = `td-${seq++}`) =>
  api.post('core-banking', '/v1/sms/inbound', { messageId: id, from: phone, text: 'TD' });
const setPhone = (customerId: string, phone: string) =>
  runtime.document.send(
    new UpdateCommand({
      TableName: runtime.tableName('customers'),
      Key: { customerId },
      UpdateExpression: 'SET phone = :p',
      ExpressionAttributeValues: { ':p': phone },
    }),
  );

describe('the seed', () => {
  it('every customer marked consenting has an account-opening consent of record in the ledger', async () => {
    const c = customers.find((c) => c.smsConsent && c.orgPath.startsWith('/HO/BJ/BJ-CY/'))!;
    expect(await consentOf(c.customerId)).toMatchObject({
      consent: 'granted',
      source: 'account_opening',
      evidence: expect.stringContaining('AO-'),
      mayReceiveMarketing: true,
    });
    const none = customers.find((c) => !c.smsConsent && c.orgPath.startsWith('/HO/BJ/BJ-CY/'));
    if (none) expect((await consentOf(none.customerId)).consent).toBe('none');
  });
});

describe('only the customer’s own act lifts a refusal', () => {
  it('after a TD reply, a phone call, an RM’s say-so, marketing or head office cannot make them reachable', async () => {
    const c = consentingOfCy();
    const rm = c.managerId;
    expect((await td(c.phone!)).status).toBe(200);
    const byPhoneCall = await api.put(rm, `/v1/customers/${c.customerId}/sms-consent`, {
      consent: 'granted',
      source: 'phone_call',
      evidence: 'call-rec-0001',
    });
    expect(byPhoneCall.status).toBe(409);
    expect(byPhoneCall.headers.get('content-type')).toContain('application/problem+json');
    expect(byPhoneCall.body.detail).toMatch(/customer's own act|signed at the counter/);
    for (const source of ['mobile', 'online']) {
      const put = await api.put(rm, `/v1/customers/${c.customerId}/sms-consent`, {
        consent: 'granted',
        source,
        evidence: 'session-0001',
      });
      expect(put.status).toBe(409);
    }
    // head office records no counter forms; marketing records no consents at all
    const admin = await api.put('admin', `/v1/customers/${c.customerId}/sms-consent`, {
      consent: 'granted',
      source: 'counter',
      evidence: 'form-ho-0001',
    });
    expect(admin.status).toBe(403);
    expect(
      (
        await api.put('marketing', `/v1/customers/${c.customerId}/sms-consent`, {
          consent: 'granted',
          source: 'counter',
          evidence: 'form-mk-0001',
        })
      ).status,
    ).toBe(403);
    expect(await consentOf(c.customerId)).toMatchObject({ phoneOptedOut: true, mayReceiveMarketing: false });
    expect((await api.get('bm-bj-cy', `/v1/customers/${c.customerId}`)).body.smsConsent).toBe(false);
  });

  it('a form the customer signed at the branch counter lifts it, with its reference as evidence', async () => {
    const c = consentingOfCy();
    await td(c.phone!);
    const put = await api.put(c.managerId, `/v1/customers/${c.customerId}/sms-consent`, {
      consent: 'granted',
      source: 'counter',
      evidence: 'form-2026-1120-777',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      consent: 'granted',
      source: 'counter',
      evidence: 'form-2026-1120-777',
      phoneOptedOut: false,
      mayReceiveMarketing: true,
    });
    expect((await api.get('bm-bj-cy', `/v1/customers/${c.customerId}`)).body.smsConsent).toBe(true);
    // the grant is audited
    const audit = await theAuditTrailOf(runtime, `customer#${c.customerId}`);
    expect(audit.some((a) => a.action === 'customer.sms-consent')).toBe(true);
  });

  it('the customer’s own reply 订阅 lifts it; a reply that also refuses does not', async () => {
    const c = consentingOfCy();
    await td(c.phone!);
    const mixed = await api.post('core-banking', '/v1/sms/inbound', {
      messageId: `mixed-${seq++}`,
      from: c.phone,
      text: '取消订阅',
    });
    expect(mixed.body.optOut).toBe(true);
    const optIn = { messageId: `in-${seq++}`, from: c.phone, text: '订阅' };
    expect((await api.post('core-banking', '/v1/sms/inbound', optIn)).body).toMatchObject({
      optOut: false,
      optIn: true,
      recorded: true,
    });
    expect(await consentOf(c.customerId)).toMatchObject({
      consent: 'granted',
      source: 'inbound_reply',
      mayReceiveMarketing: true,
    });
    // a replay records nothing new
    expect((await api.post('core-banking', '/v1/sms/inbound', optIn)).body.recorded).toBe(false);
  });

  it('a refusal landing while a grant is written wins: the grant is refused with 409 and nothing of it is kept', async () => {
    const c = consentingOfCy();
    await td(c.phone!);
    const real = dynamoConsentStore();
    // the customer replies TD again after the counter grant read the ledger, before it is written
    const racing: ConsentStore = {
      ...real,
      grant: async (grant) => {
        await recordInboundReply(
          real,
          { messageId: `race-${seq++}`, from: c.phone!, text: 'TD' },
          new Date(NOW),
        );
        return real.grant(grant);
      },
    };
    const staff = (
      await runtime.document.send(
        new QueryCommand({
          TableName: runtime.tableName('staff'),
          KeyConditionExpression: 'staffId = :s',
          ExpressionAttributeValues: { ':s': c.managerId },
        }),
      )
    ).Items![0]!;
    const ctx = {
      caller: {
        staffId: c.managerId,
        name: String(staff.name),
        role: 'rm' as const,
        orgId: String(staff.orgId),
        orgPath: String(staff.orgPath),
      },
      correlationId: 'race',
      clock: fixedClock(NOW),
      ids: ulidGenerator(),
    };
    await expect(
      recordConsent({ customers: dynamoCustomerStore(), consent: racing }, ctx, c.customerId, {
        consent: 'granted',
        source: 'counter',
        evidence: 'form-race-0001',
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await consentOf(c.customerId)).toMatchObject({
      consent: 'withdrawn',
      phoneOptedOut: true,
      mayReceiveMarketing: false,
    });
  });
});

describe('a refusal holds per customer and per number', () => {
  it('a customer who changes their number stays opted out; a number stays opted out for whoever holds it', async () => {
    const c = consentingOfCy();
    const other = consentingOfCy();
    const old = c.phone!;
    await td(old);
    await setPhone(c.customerId, freshPhone());
    expect(await consentOf(c.customerId)).toMatchObject({
      consent: 'withdrawn',
      phoneOptedOut: false,
      mayReceiveMarketing: false,
    });
    // another customer record now holding the refused number
    await setPhone(other.customerId, old);
    expect(await consentOf(other.customerId)).toMatchObject({
      consent: 'granted',
      phoneOptedOut: true,
      mayReceiveMarketing: false,
    });
  });
});

describe('opting out a number by phone', () => {
  it('is for integration, admin and the staff whose customers hold it; others get 404/403; it is audited', async () => {
    const c = consentingOfCy();
    const body = { phone: c.phone, evidence: 'refused on a call 2026-11-20' };
    // an RM of another branch, a branch manager elsewhere: not found, as for a number nobody holds
    const elsewhere = customers.find((x) => x.orgPath.startsWith('/HO/SH/'))!.managerId;
    const outside = await api.post(elsewhere, '/v1/sms/opt-outs', body);
    expect(outside.status).toBe(404);
    const unknown = await api.post(elsewhere, '/v1/sms/opt-outs', { ...body, phone: freshPhone() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe(outside.body.detail);
    expect((await api.post('bm-sh', '/v1/sms/opt-outs', body)).status).toBe(404);
    expect((await api.post('marketing', '/v1/sms/opt-outs', body)).status).toBe(403);
    expect((await consentOf(c.customerId)).phoneOptedOut).toBe(false);

    // the customer's own RM may; it is audited against the customer, the number masked
    const own = await api.post(c.managerId, '/v1/sms/opt-outs', body);
    expect(own.status).toBe(201);
    expect(await consentOf(c.customerId)).toMatchObject({ consent: 'withdrawn', phoneOptedOut: true });
    const audit = await theAuditTrailOf(runtime, `customer#${c.customerId}`);
    const entry = audit.find((a) => a.action === 'sms.opt-out');
    expect(entry).toMatchObject({ actorId: c.managerId, detail: { source: 'staff' } });
    expect(JSON.stringify(entry)).not.toContain(c.phone!);

    // an upstream system and admin may opt out any number
    expect(
      (await api.post('core-banking', '/v1/sms/opt-outs', { ...body, phone: freshPhone() })).status,
    ).toBe(201);
    expect((await api.post('admin', '/v1/sms/opt-outs', { ...body, phone: freshPhone() })).status).toBe(201);
  });
});
