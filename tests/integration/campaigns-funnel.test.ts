// The campaign funnel after the send, on DynamoDB Local through the local runtime:
// delivery receipts (the gateway's SNS delivery-status log → POST /v1/sms/delivery-receipts) move
// each message once; a registration within the campaign's attribution window is attributed to it
// and converts the message once, under replays and reversals in any order; and the audience
// conditions read from other capabilities' tables (AUM, holdings, products, open alerts, contacts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { startSmsGatewayServer, type SmsGatewayServer } from '#infra/local/sms-gateway.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { SnsSmsProvider } from '#shared/sms/sns-provider.js';
import { dispatchCampaigns, type DispatchOptions } from '#shared/campaigns/dispatch.js';
import { dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { dynamoCampaignMessageStore as dynamoCampaignStore } from '#shared/campaigns/dynamo-campaign-messages.js';
import { applyLedgerEntryToFunnel } from '#shared/campaigns/conversion.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import { dynamoCounterStore } from '#shared/tiering/dynamo-counters.js';
import { counterTerms } from '#shared/tiering/aum.js';
import { dynamoCustomerLogStore } from '#shared/timeline/dynamo-customer-log.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { anApprovedCampaign, beijingCampaign } from '../support/steps/index.js';
import { consentingCustomers } from '../support/campaigns.js';

const NOW = '2026-11-20T06:00:00.000Z'; // 14:00 Shanghai
const TWO_DAYS_AGO = '2026-11-18T03:00:00.000Z'; // 11:00 Shanghai

let runtime: LocalRuntime;
let api: ApiClient;
let gateway: SmsGatewayServer;
let pool: Customer[];

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 80, now: NOW });
  api = apiClient(runtime);
  gateway = await startSmsGatewayServer(0);
  pool = (await consentingCustomers(runtime, '/HO/BJ/')).filter((c) => c.riskLevel);
  const product = {
    code: 'DEP-R1',
    name: '大额存单',
    category: 'time_deposit',
    riskLevel: 'R1',
    saleStart: '2026-01-01',
  };
  expect((await api.post('admin', '/v1/products', product)).status).toBe(201);
});
afterAll(async () => {
  await runtime?.stop();
  await gateway?.close();
});

const take = (n: number) => pool.splice(0, n);

const approvedCampaign = (customerIds: string[], extra: Record<string, unknown> = {}) =>
  anApprovedCampaign(
    api,
    beijingCampaign(customerIds, {
      name: 'funnel',
      text: '【示例银行】{name}您好，大额存单上线。回复TD退订',
      startAt: '2026-11-17T00:00:00Z',
      ...extra,
    }),
  );

const options = (now: string): DispatchOptions => ({
  clock: fixedClock(now),
  ids: ulidGenerator(),
  caps: { perDay: 1, per7Days: 2 },
  pacer: { rate: 50, marginMs: 40 },
  // one worker: messages go out in customer-id order, so the gateway's knobs hit a known one
  workers: 1,
  deadlineMs: Date.now() + 60_000,
  pricePerPartFen: 5,
  monthlyBudgetFen: 10_000_000,
  staleClaimMs: 300_000,
});

// no opt-out check before Publish: SNS then takes the message and says so in the delivery log
const provider = () =>
  new SnsSmsProvider({
    optOutCheck: 'never',
    client: new SNSClient({
      endpoint: gateway.endpoint,
      region: 'ap-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      maxAttempts: 1,
    }),
  });

const send = (now: string) => dispatchCampaigns(dynamoDispatchDeps(provider()), options(now));

const messages = async (campaignId: string) =>
  new Map(
    (await dynamoCampaignStore().messages(campaignId, undefined, 1000)).items.map((m) => [m.customerId, m]),
  );
const funnel = async (campaignId: string) =>
  (await api.get('marketing', `/v1/campaigns/${campaignId}`)).body.funnel as Record<string, number>;

let sale = 0;
const register = async (customer: Customer, extra: Record<string, unknown> = {}) => {
  const response = await api.post('core-banking', '/v1/performance', {
    channel: 'counter',
    externalRef: `FUNNEL-${++sale}`,
    customerId: customer.customerId,
    productId: 'DEP-R1',
    amountFen: 5_000_000,
    credits: [{ staffId: customer.managerId, sharePct: 100 }],
    occurredAt: NOW,
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { entryId: string; campaignId?: string; attribution?: string };
};

describe('delivery receipts', () => {
  let campaignId: string;
  let customers: Customer[];

  it('the SNS delivery-status log moves each sent message to delivered or failed with its reason, once', async () => {
    customers = take(4);
    const [undelivered, optedOut] = customers as [Customer, Customer];
    campaignId = await approvedCampaign(customers.map((c) => c.customerId));
    gateway.gateway.reset();
    gateway.gateway.optOut(optedOut.phone!); // at SNS only: our ledger does not know yet
    gateway.gateway.undeliverNext(1, 'Phone carrier has blocked this message');
    const report = await send(TWO_DAYS_AGO);
    expect(report.sent).toBe(4);
    expect(await funnel(campaignId)).toMatchObject({ sent: 4, delivered: 0, failed: 0 });

    const log = gateway.gateway.deliveryStatus();
    expect(log.map((e) => e.status).sort()).toEqual(['FAILURE', 'FAILURE', 'SUCCESS', 'SUCCESS']);
    const first = await api.post('core-banking', '/v1/sms/delivery-receipts', { snsDeliveryStatus: log });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(Array(4).fill('applied'));

    const byCustomer = await messages(campaignId);
    expect(byCustomer.get(undelivered.customerId)).toMatchObject({
      status: 'failed',
      reason: 'undelivered',
      detail: 'Phone carrier has blocked this message',
    });
    expect(byCustomer.get(optedOut.customerId)).toMatchObject({
      status: 'failed',
      reason: 'opted_out_at_provider',
    });
    for (const c of customers.slice(2)) {
      expect(byCustomer.get(c.customerId)).toMatchObject({ status: 'delivered', sentAt: expect.any(String) });
    }
    // the opt-out SNS reported is written back to the ledger
    const consent = await api.get('bm-bj', `/v1/customers/${optedOut.customerId}/sms-consent`);
    expect(consent.body.phoneOptedOut).toBe(true);
    expect(await funnel(campaignId)).toMatchObject({ audience: 4, sent: 4, delivered: 2, failed: 2 });
  });

  it('the same receipts again, or contradicting ones, change nothing; an unknown id is said to be unknown', async () => {
    const log = gateway.gateway.deliveryStatus();
    const again = await api.post('core-banking', '/v1/sms/delivery-receipts', { snsDeliveryStatus: log });
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(Array(4).fill('duplicate'));
    const delivered = log.find((e) => e.status === 'SUCCESS')!;
    const contradicting = await api.post('core-banking', '/v1/sms/delivery-receipts', {
      receipts: [
        { providerMessageId: delivered.notification.messageId, status: 'failed', at: NOW },
        { providerMessageId: 'no-such-message', status: 'delivered', at: NOW },
      ],
    });
    expect(contradicting.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'duplicate',
      'unknown',
    ]);
    expect(await funnel(campaignId)).toMatchObject({ sent: 4, delivered: 2, failed: 2 });
  });

  it('bad receipts → 400 with paths; only the provider’s integration may post them', async () => {
    const bad = await api.post('core-banking', '/v1/sms/delivery-receipts', {
      receipts: [{ providerMessageId: '', status: 'lost', at: 'yesterday' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'body.receipts.0.providerMessageId',
        'body.receipts.0.status',
        'body.receipts.0.at',
      ]),
    );
    const rm = await api.post('rm-bj-cy-wj-01', '/v1/sms/delivery-receipts', {
      receipts: [{ providerMessageId: 'x', status: 'delivered', at: NOW }],
    });
    expect(rm.status).toBe(403);
  });
});

describe('conversion', () => {
  it('a sale within the window is attributed to the campaign and converts its message once; a sale outside is not', async () => {
    const [reached, outsideWindow, neverReached] = take(3) as [Customer, Customer, Customer];
    const thirtyDays = await approvedCampaign([reached.customerId]);
    const oneDay = await approvedCampaign([outsideWindow.customerId], { attributionDays: 1 });
    gateway.gateway.reset();
    expect((await send(TWO_DAYS_AGO)).sent).toBe(2);

    const first = await register(reached);
    expect(first).toMatchObject({ campaignId: thirtyDays, attribution: 'window' });
    expect((await register(outsideWindow)).campaignId).toBeUndefined(); // sent 2 days ago, window 1 day
    expect((await register(neverReached)).campaignId).toBeUndefined();
    const second = await register(reached, { amountFen: 1_000_000 });
    expect(second.campaignId).toBe(thirtyDays);
    await runtime.drained();
    expect(await funnel(thirtyDays)).toMatchObject({ sent: 1, converted: 1 });
    expect(await funnel(oneDay)).toMatchObject({ sent: 1, converted: 0 });

    // a replayed stream record changes nothing
    const entry = (await api.get('core-banking', `/v1/performance/${first.entryId}`)).body;
    const store = dynamoCampaignStore();
    await applyLedgerEntryToFunnel(store, { ...entry, kind: 'registration', registrationId: first.entryId });
    expect(await funnel(thirtyDays)).toMatchObject({ converted: 1 });

    // reversing one sale leaves the other's conversion; reversing both takes it back
    const reverse = (id: string) =>
      api.post('core-banking', `/v1/performance/${id}/reverse`, { reason: '客户撤单' });
    expect((await reverse(first.entryId)).status).toBe(201);
    await runtime.drained();
    expect(await funnel(thirtyDays)).toMatchObject({ converted: 1 });
    expect((await reverse(second.entryId)).status).toBe(201);
    await runtime.drained();
    expect(await funnel(thirtyDays)).toMatchObject({ converted: 0 });
    expect(await runtime.streams.deadLetters()).toEqual([]);
  });

  it('registrations and reversals in any order, duplicated, leave the same conversions', async () => {
    const store = dynamoCampaignStore();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('reg-1', 'reg-2', 'reg-3', 'rev-1', 'rev-3'), {
          minLength: 1,
          maxLength: 12,
        }),
        async (events) => {
          const campaignId = `CMP-ORDER-${++run}`;
          await store.addMessage({
            campaignId,
            customerId: 'X',
            status: 'delivered',
            included: 'test',
            idempotencyKey: `campaign:${campaignId}:X`,
            attempts: 1,
            sentAt: NOW,
            createdAt: NOW,
            updatedAt: NOW,
          });
          for (const e of events) {
            const [kind, n] = e.split('-') as ['reg' | 'rev', string];
            await applyLedgerEntryToFunnel(store, {
              kind: kind === 'reg' ? 'registration' : 'reversal',
              campaignId,
              customerId: 'X',
              registrationId: `R${n}`,
            });
          }
          const registered = new Set(events.filter((e) => e.startsWith('reg')).map((e) => `R${e.slice(4)}`));
          const reversed = new Set(events.filter((e) => e.startsWith('rev')).map((e) => `R${e.slice(4)}`));
          const expected = [...registered].filter((r) => !reversed.has(r)).sort();
          const message = await store.getMessage(campaignId, 'X');
          expect([...(message?.conversions ?? [])].sort()).toEqual(expected);
          expect((await store.counts(campaignId)).converted ?? 0).toBe(expected.length ? 1 : 0);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('audience conditions from other capabilities’ tables', () => {
  it('AUM range, asset classes, products held or not, open alerts, days since last contact', async () => {
    const [rich, poor, alerted, contacted, holder] = take(5) as [
      Customer,
      Customer,
      Customer,
      Customer,
      Customer,
    ];
    const ids = [rich, poor, alerted, contacted, holder].map((c) => c.customerId);
    const tiers = dynamoTierStore();
    const outlook = (avgAumFen: number) => ({
      asOf: '2026-11-20',
      month: '2026-11',
      day: 20,
      daysInMonth: 30,
      policyVersion: 1,
      balanceFen: avgAumFen,
      avgAumFen,
      guaranteedAvgAumFen: avgAumFen,
      guaranteedTier: 'gold' as const,
      projectedAvgAumFen: avgAumFen,
      projectedTier: 'gold' as const,
    });
    for (const [c, fen] of [
      [rich, 80_000_000],
      [poor, 1_000],
    ] as const) {
      const state = { customerId: c.customerId, key: 'STATE' as const, tier: 'gold' as const, version: 9 };
      expect(
        await tiers.commit({
          state: { ...state, outlook: outlook(fen), updatedAt: NOW },
          expectedVersion: undefined,
        }),
      ).toBe('committed');
    }
    const counters = dynamoCounterStore();
    await counters.apply({
      customerId: rich.customerId,
      claimKey: 'TX#funnel-1',
      claim: {},
      terms: counterTerms('fund', 300_000, '2026-11-10'),
    });
    await counters.apply({
      customerId: rich.customerId,
      claimKey: 'TX#funnel-2',
      claim: {},
      terms: counterTerms('wealth', 100_000, '2026-11-10'),
    });
    await counters.apply({
      customerId: rich.customerId,
      claimKey: 'TX#funnel-3',
      claim: {},
      terms: counterTerms('wealth', -100_000, '2026-11-12'),
    });
    // an open alert, as the monitoring capability keeps it (byCustomer / byBranch index keys)
    await runtime.document.send(
      new PutCommand({
        TableName: runtime.tableName('alerts'),
        Item: {
          alertId: 'AL-FUNNEL-1',
          customerId: alerted.customerId,
          status: 'acknowledged',
          orgPath: alerted.orgPath,
          branchId: alerted.branchId,
          scopeKey: `${alerted.orgPath}AL-FUNNEL-1`,
          raisedKey: `${NOW}#AL-FUNNEL-1`,
        },
      }),
    );
    await dynamoCustomerLogStore().put({
      customerId: contacted.customerId,
      entryId: `2026-11-15T02:00:00.000Z#K1`,
      at: '2026-11-15T02:00:00.000Z',
      kind: 'contact',
      contactId: 'K1',
      channel: 'phone',
      note: '电话回访',
      staffId: contacted.managerId,
      createdAt: '2026-11-15T02:00:00.000Z',
    });
    await register(holder);

    const audienceOf = async (audience: Record<string, unknown>) => {
      const created = await api.post('bm-bj', '/v1/campaigns', {
        name: 'audience',
        scopeOrgId: 'BJ',
        audience,
        template: { text: '【示例银行】您好。回复TD退订' },
        schedule: { startAt: '2026-11-21T00:00:00Z', endAt: '2026-12-31T00:00:00Z' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const preview = await api.post('bm-bj', `/v1/campaigns/${created.body.campaignId}/preview`);
      expect(preview.status).toBe(200);
      return {
        ids: (preview.body.sample as { customerId: string }[]).map((m) => m.customerId).sort(),
        reasons: (preview.body.sample as { included: string }[]).map((m) => m.included),
        readFrom: preview.body.readFrom as string,
      };
    };
    const listed = { customerIds: ids };
    expect((await audienceOf({ ...listed, aum: { minFen: 50_000_000 } })).ids).toEqual([rich.customerId]);
    expect((await audienceOf({ ...listed, aum: { basis: 'balance', maxFen: 5_000 } })).ids).toEqual(
      [poor, alerted, contacted, holder].map((c) => c.customerId).sort(),
    );
    const funds = await audienceOf({ ...listed, assetClasses: { all: ['fund'], none: ['wealth'] } });
    expect(funds.ids).toEqual([rich.customerId]);
    expect(funds.reasons[0]).toContain('holds fund');
    expect((await audienceOf({ ...listed, productsHeld: ['DEP-R1'] })).ids).toEqual([holder.customerId]);
    expect((await audienceOf({ ...listed, productsNotHeld: ['DEP-R1'] })).ids).not.toContain(
      holder.customerId,
    );
    expect((await audienceOf({ ...listed, hasOpenAlert: true })).ids).toEqual([alerted.customerId]);
    // read from the alerts' index, not the customers': the branch's open alerts
    const fromAlerts = await audienceOf({ orgIds: [alerted.orgId], hasOpenAlert: true });
    expect(fromAlerts).toMatchObject({ ids: [alerted.customerId], readFrom: 'open_alerts' });
    expect((await audienceOf({ ...listed, daysSinceLastContact: { max: 7 } })).ids).toEqual([
      contacted.customerId,
    ]);
    expect((await audienceOf({ ...listed, daysSinceLastContact: { min: 30 } })).ids).not.toContain(
      contacted.customerId,
    );
  });

  it('bad conditions → 400 with their paths', async () => {
    const response = await api.post('marketing', '/v1/campaigns', {
      name: 'bad',
      scopeOrgId: 'HO',
      audience: { aum: { minFen: 10, maxFen: 5 }, assetClasses: { any: ['gold_bars'] } },
      template: { text: '【示例银行】您好。回复TD退订' },
      schedule: { startAt: '2026-11-21T00:00:00Z', endAt: '2026-12-31T00:00:00Z' },
      attributionDays: 365,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'body.audience.aum.maxFen',
        'body.audience.assetClasses.any.0',
        'body.attributionDays',
      ]),
    );
    const unknownProduct = await api.post('marketing', '/v1/campaigns', {
      name: 'bad',
      scopeOrgId: 'HO',
      audience: { productsHeld: ['DEP-R1', 'NO-SUCH'] },
      template: { text: '【示例银行】您好。回复TD退订' },
      schedule: { startAt: '2026-11-21T00:00:00Z', endAt: '2026-12-31T00:00:00Z' },
    });
    expect(unknownProduct.status).toBe(400);
    expect(unknownProduct.body.errors).toEqual([
      { path: 'body.audience.productsHeld.1', message: 'is not a product in the library' },
    ]);
  });
});
