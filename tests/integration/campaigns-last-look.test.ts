// The last look before sending, on DynamoDB Local: the claim that precedes each Publish is
// conditional on the campaign still running and on the customer's consent and number being as the
// gate read them. A refusal, a pause or a cancel that lands between the page read and the Publish
// (injected here while the sender waits for its pacer slot) is never sent to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import type { SmsGatewayServer } from '#infra/local/sms-gateway.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { dispatchCampaigns, type DispatchOptions } from '#shared/campaigns/dispatch.js';
import { dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { type ApiClient } from '../support/local-runtime.js';
import { consentingCustomers, gatewayProvider } from '../support/campaigns.js';
import { dynamoCampaignMessageStore as dynamoCampaignStore } from '#shared/campaigns/dynamo-campaign-messages.js';
import {
  aBankWithAnSmsGateway,
  anApprovedCampaign,
  beijingCampaign,
  type BankWithSmsGateway,
} from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;
let gateway: SmsGatewayServer;
let pool: Customer[];
let bank: BankWithSmsGateway;

const NOW = '2026-11-20T02:00:00.000Z'; // 10:00 in Shanghai

beforeAll(async () => {
  bank = await aBankWithAnSmsGateway({ customers: 120, now: NOW });
  ({ runtime, api, gateway } = bank);
  pool = await consentingCustomers(runtime, '/HO/BJ/');
});
afterAll(() => bank?.stop());

const take = (n: number) => pool.splice(0, n);

const approvedCampaign = (customerIds: string[]) =>
  anApprovedCampaign(api, beijingCampaign(customerIds, { name: 'last look' }));

/** Real time, with a hook run once when the first sender waits for its slot (after the page read). */
const hookedTimer = (hook: () => Promise<void>) => {
  let pending: (() => Promise<void>) | undefined = hook;
  return {
    now: () => Date.now(),
    sleep: async (ms: number) => {
      const run = pending;
      pending = undefined;
      if (run) await run();
      await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
    },
  };
};

const dispatch = (timer?: DispatchOptions['timer']) =>
  dispatchCampaigns(dynamoDispatchDeps(gatewayProvider(gateway, { optOutCheck: 'marketing' })), {
    clock: fixedClock(NOW),
    ids: ulidGenerator(),
    caps: { perDay: 5, per7Days: 10 },
    pacer: { rate: 50, marginMs: 200 },
    // one sender: the hook runs before the first customer's claim
    workers: 1,
    deadlineMs: Date.now() + 60_000,
    pricePerPartFen: 5,
    monthlyBudgetFen: 10_000_000,
    staleClaimMs: 300_000,
    ...(timer ? { timer } : {}),
  });

const messages = async (campaignId: string) =>
  new Map(
    (await dynamoCampaignStore().messages(campaignId, undefined, 1000)).items.map((m) => [m.customerId, m]),
  );
const sentTo = (phone: string) => gateway.gateway.outbox({ phone }).length;

describe('the last look before sending', () => {
  it('a TD reply landing after the page read: that customer gets nothing, suppressed as opted out', async () => {
    const [first, second] = take(2) as [Customer, Customer];
    const id = await approvedCampaign([first.customerId, second.customerId]);
    const report = await dispatch(
      hookedTimer(async () => {
        const reply = { messageId: `last-look-${first.customerId}`, from: first.phone, text: 'TD' };
        expect((await api.post('core-banking', '/v1/sms/inbound', reply)).body.recorded).toBe(true);
      }),
    );
    expect(report.started).toEqual([id]);
    expect(sentTo(first.phone!)).toBe(0);
    expect(sentTo(second.phone!)).toBe(1);
    const byCustomer = await messages(id);
    expect(byCustomer.get(first.customerId)).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    expect(byCustomer.get(second.customerId)).toMatchObject({ status: 'sent' });
    // nothing was claimed for it: no frequency slot, no spend
    expect(byCustomer.get(first.customerId)!.attemptId).toBeUndefined();
  });

  it('a consent withdrawn at the counter after the page read: suppressed as withdrawn', async () => {
    const [first] = take(1) as [Customer];
    const id = await approvedCampaign([first.customerId]);
    await dispatch(
      hookedTimer(async () => {
        const put = await api.put('admin', `/v1/customers/${first.customerId}/sms-consent`, {
          consent: 'withdrawn',
          source: 'counter',
          evidence: 'form-last-look-1',
        });
        expect(put.status).toBe(200);
      }),
    );
    expect(sentTo(first.phone!)).toBe(0);
    expect((await messages(id)).get(first.customerId)).toMatchObject({
      status: 'suppressed',
      reason: 'consent_withdrawn',
    });
  });

  it('a cancel landing after the page read: nothing is sent, the message suppressed as cancelled', async () => {
    const customers = take(2);
    const id = await approvedCampaign(customers.map((c) => c.customerId));
    await dispatch(
      hookedTimer(async () => {
        expect((await api.post('bm-bj', `/v1/campaigns/${id}/cancel`, {})).status).toBe(200);
      }),
    );
    for (const c of customers) expect(sentTo(c.phone!)).toBe(0);
    const byCustomer = await messages(id);
    expect(byCustomer.get(customers[0]!.customerId)).toMatchObject({
      status: 'suppressed',
      reason: 'campaign_cancelled',
    });
    // the rest of the queue is drained as cancelled on the next run
    await dispatch();
    for (const m of (await messages(id)).values())
      expect(m).toMatchObject({ status: 'suppressed', reason: 'campaign_cancelled' });
    for (const c of customers) expect(sentTo(c.phone!)).toBe(0);
  });

  it('a pause landing after the page read: nothing is sent; the messages wait and go once after resume', async () => {
    const customers = take(2);
    const id = await approvedCampaign(customers.map((c) => c.customerId));
    await dispatch(
      hookedTimer(async () => {
        expect((await api.post('bm-bj', `/v1/campaigns/${id}/pause`, {})).status).toBe(200);
      }),
    );
    for (const c of customers) expect(sentTo(c.phone!)).toBe(0);
    // paused, not lost: still queued
    for (const m of (await messages(id)).values()) expect(m.status).toBe('queued');
    expect((await api.post('bm-bj', `/v1/campaigns/${id}/resume`, {})).status).toBe(200);
    await dispatch();
    await dispatch();
    for (const c of customers) expect(sentTo(c.phone!)).toBe(1);
  });
});
