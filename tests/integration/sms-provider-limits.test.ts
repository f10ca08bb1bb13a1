// A channel's own per-number limit kept by the dispatch, on DynamoDB Local against the aliyun
// stand-in: 51 customers who share one number, one campaign, one Beijing day. Alibaba allows 50
// notices a day per signature, template and number: 50 go (once, however many runs and workers
// race), the 51st is deferred to the next Beijing day (queued, reason provider_limit), never sent
// that day nor counted as sent, and goes the next day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import {
  localChannelEnv,
  mountChannelStandIn,
  type ChannelStandIn,
} from '#infra/local/sms-channels/index.js';
import type { Customer } from '#shared/customers/customer.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { smsProviderOf } from '#shared/sms/deps.js';
import { dispatchCampaigns, type DispatchOptions } from '#shared/campaigns/dispatch.js';
import { dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';
import { consentingCustomers } from '../support/campaigns.js';
import { aBank, anApprovedCampaign, beijingCampaign, type Bank } from '../support/steps/index.js';

const NOW = '2026-11-20T06:00:00.000Z';
const DAY_ONE = '2026-11-18T03:00:00.000Z'; // 11:00 Beijing
const DAY_TWO = '2026-11-19T03:00:00.000Z';
const SHARED_PHONE = '+8613900001111';

let bank: Bank;
let runtime: LocalRuntime;
let standIn: ChannelStandIn;
const savedEnv = { ...process.env };

beforeAll(async () => {
  bank = await aBank({ customers: 300, now: NOW });
  runtime = bank.runtime;
  runtime.sms.reset();
  Object.assign(process.env, localChannelEnv('aliyun', runtime.url));
  standIn = mountChannelStandIn(runtime.sms, 'aliyun', runtime.url)!;
});
afterAll(async () => {
  process.env = savedEnv;
  await bank?.runtime.stop();
});

/** A dispatch run at `now` (business time): four workers, no cap on sending beyond the channel's own. */
const options = (now: string): DispatchOptions => {
  const settings = { pricePerPartFen: 5, monthlyBudgetFen: 10_000_000, staleClaimMs: 300_000, workers: 4 };
  return {
    ...settings,
    caps: { perDay: 1, per7Days: 2 },
    pacer: { rate: 200, marginMs: 40 },
    clock: fixedClock(now),
    ids: ulidGenerator(),
    deadlineMs: Date.now() + 60_000,
  };
};

const messages = (campaignId: string) =>
  dynamoCampaignMessageStore()
    .messages(campaignId, undefined, 1000)
    .then((page) => page.items);
const sentToShared = () => runtime.sms.outbox().filter((e) => e.phone === SHARED_PHONE);

describe('Alibaba’s 50 a day per signature, template and number', () => {
  let campaignId: string;
  let customers: Customer[];

  it('two runs racing send 50 to the shared number once each, and defer the 51st to the next Beijing day', async () => {
    customers = (await consentingCustomers(runtime, '/HO/BJ/')).slice(0, 51);
    expect(customers).toHaveLength(51);
    for (const c of customers)
      await runtime.document.send(
        new UpdateCommand({
          TableName: runtime.tableName('customers'),
          Key: { customerId: c.customerId },
          UpdateExpression: 'SET phone = :p',
          ExpressionAttributeValues: { ':p': SHARED_PHONE },
        }),
      );
    campaignId = await anApprovedCampaign(
      bank.api,
      beijingCampaign(
        customers.map((c) => c.customerId),
        {
          name: 'limit',
          text: '【示例银行】{name}您好，大额存单上线。回复TD退订',
          startAt: '2026-11-17T00:00:00Z',
        },
      ),
    );
    const deps = dynamoDispatchDeps(smsProviderOf({ channel: 'aliyun' }));
    // the first run starts the campaign; then two runs race over its queue
    const first = await dispatchCampaigns(deps, { ...options(DAY_ONE), deadlineMs: Date.now() });
    const [a, b] = await Promise.all([
      dispatchCampaigns(deps, options(DAY_ONE)),
      dispatchCampaigns(deps, options(DAY_ONE)),
    ]);

    expect(first.sent + a.sent + b.sent).toBe(50);
    expect(a.failed + b.failed).toBe(0);
    expect(sentToShared()).toHaveLength(50);
    // every send the provider took, none refused by its flow control
    expect(new Set(sentToShared().map((e) => e.messageId)).size).toBe(50);
    const all = await messages(campaignId);
    // sent, or delivered since (the stand-in pushes receipts)
    expect(all.filter((m) => m.sentAt !== undefined)).toHaveLength(50);
    const deferred = all.filter((m) => m.status === 'queued');
    expect(deferred).toHaveLength(1);
    expect(deferred[0]).toMatchObject({
      reason: 'provider_limit',
      notBefore: '2026-11-18T16:00:00.000Z', // midnight Beijing
      attempts: 0,
    });
    expect(deferred[0]!.detail).toContain('aliyun: 50 a Beijing day');
  });

  it('again the same day: nothing more is sent, the 51st still waits', async () => {
    const again = await dispatchCampaigns(
      dynamoDispatchDeps(smsProviderOf({ channel: 'aliyun' })),
      options(DAY_ONE),
    );
    expect(again.sent).toBe(0);
    expect(sentToShared()).toHaveLength(50);
    const queued = (await messages(campaignId)).filter((m) => m.status === 'queued');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ reason: 'provider_limit', attempts: 0 });
  });

  it('the next Beijing day the 51st goes, once, and keeps no deferral reason', async () => {
    standIn.reset(); // the stand-in's own day count runs on the wall clock: its day turns too
    const next = await dispatchCampaigns(
      dynamoDispatchDeps(smsProviderOf({ channel: 'aliyun' })),
      options(DAY_TWO),
    );
    expect(next.sent).toBe(1);
    expect(sentToShared()).toHaveLength(51);
    const all = await messages(campaignId);
    expect(all.filter((m) => m.sentAt !== undefined)).toHaveLength(51);
    expect(all.filter((m) => m.reason !== undefined)).toEqual([]);
  });
});
