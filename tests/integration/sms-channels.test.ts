// Every SMS channel other than SNS, the same behaviour against its local stand-in, over HTTP on
// DynamoDB Local: the real SDK sends through the adapter the deployment's channel picks; a number
// opted out is never sent to; receipts the provider pushes (and pushes again) count once; a reply
// `TD` pushed by the provider opts the number out at once. SNS has the same in campaigns-funnel,
// campaigns-dispatch and sms-consent-rules. A new channel is one line in CHANNELS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import {
  localChannelEnv,
  mountChannelStandIn,
  type ChannelStandIn,
} from '#infra/local/sms-channels/index.js';
import type { Customer } from '#shared/customers/customer.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import type { SmsChannelName } from '#shared/sms/channel.js';
import { smsProviderOf } from '#shared/sms/deps.js';
import { dispatchCampaigns, type DispatchOptions } from '#shared/campaigns/dispatch.js';
import { dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';
import type { ApiClient } from '../support/local-runtime.js';
import { consentingCustomers } from '../support/campaigns.js';
import { aBank, anApprovedCampaign, beijingCampaign, type Bank } from '../support/steps/index.js';

const CHANNELS: SmsChannelName[] = ['aliyun', 'tencent', 'bank-gateway'];

const NOW = '2026-11-20T06:00:00.000Z'; // 14:00 Shanghai
const SEND_AT = '2026-11-18T03:00:00.000Z'; // 11:00 Shanghai

let bank: Bank;
let runtime: LocalRuntime;
let api: ApiClient;
let pool: Customer[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  bank = await aBank({ customers: 200, now: NOW });
  ({ runtime, api } = bank);
  pool = await consentingCustomers(runtime, '/HO/BJ/');
});
afterAll(async () => {
  process.env = savedEnv;
  await bank?.runtime.stop();
});

const options = (now: string): DispatchOptions => ({
  clock: fixedClock(now),
  ids: ulidGenerator(),
  caps: { perDay: 1, per7Days: 2 },
  pacer: { rate: 50, marginMs: 40 },
  workers: 2,
  deadlineMs: Date.now() + 60_000,
  pricePerPartFen: 5,
  monthlyBudgetFen: 10_000_000,
  staleClaimMs: 300_000,
});

const messages = async (campaignId: string) =>
  new Map(
    (await dynamoCampaignMessageStore().messages(campaignId, undefined, 1000)).items.map((m) => [
      m.customerId,
      m,
    ]),
  );
const funnel = async (campaignId: string) =>
  (await api.get('marketing', `/v1/campaigns/${campaignId}`)).body.funnel as Record<string, number>;
const consentOf = async (customerId: string) =>
  (await api.get('bm-bj', `/v1/customers/${customerId}/sms-consent`)).body as { phoneOptedOut: boolean };

describe.each(CHANNELS)('the %s channel against its local stand-in', (channel) => {
  let standIn: ChannelStandIn;
  let campaignId: string;
  let customers: Customer[];

  beforeAll(() => {
    runtime.sms.reset();
    Object.assign(process.env, localChannelEnv(channel, runtime.url));
    standIn = mountChannelStandIn(runtime.sms, channel, runtime.url)!;
  });

  it('a number that replied TD through the provider is never sent to; the others go through its API', async () => {
    customers = pool.splice(0, 4);
    const [refused, ...others] = customers as [Customer, ...Customer[]];
    const answer = await standIn.reply(refused.phone!, 'TD');
    expect(answer).toBeDefined();
    // at once: before any dispatch
    expect((await consentOf(refused.customerId)).phoneOptedOut).toBe(true);

    campaignId = await anApprovedCampaign(
      api,
      beijingCampaign(
        customers.map((c) => c.customerId),
        {
          name: `channel ${channel}`,
          text: '【示例银行】{name}您好，大额存单上线。回复TD退订',
          startAt: '2026-11-17T00:00:00Z',
        },
      ),
    );
    const report = await dispatchCampaigns(dynamoDispatchDeps(smsProviderOf({ channel })), options(SEND_AT));

    expect(report.sent).toBe(3);
    const outbox = runtime.sms.outbox();
    expect(outbox.map((e) => e.phone).sort()).toEqual(others.map((c) => c.phone).sort());
    expect(outbox.every((e) => e.channel === channel)).toBe(true);
    expect(outbox.map((e) => e.phone)).not.toContain(refused.phone);
    expect((await messages(campaignId)).get(refused.customerId)).toMatchObject({ status: 'suppressed' });
  });

  it('receipts the provider pushes move the messages to delivered, and pushed again count once', async () => {
    await standIn.settled();
    expect(await funnel(campaignId)).toMatchObject({ sent: 3, delivered: 3, failed: 0 });
    const before = await messages(campaignId);

    await standIn.repush();
    await standIn.repush();

    expect(await funnel(campaignId)).toMatchObject({ sent: 3, delivered: 3, failed: 0 });
    expect(await messages(campaignId)).toEqual(before);
  });

  it('a reply TD opts the number out at once; the same reply pushed again records nothing new', async () => {
    const [customer] = pool.splice(0, 1) as [Customer];
    expect((await consentOf(customer.customerId)).phoneOptedOut).toBe(false);
    await standIn.reply(customer.phone!, 'TD');
    const after = await api.get('bm-bj', `/v1/customers/${customer.customerId}/sms-consent`);
    expect(after.body).toMatchObject({ phoneOptedOut: true, mayReceiveMarketing: false });
    await standIn.reply(customer.phone!, '退订');
    const again = await api.get('bm-bj', `/v1/customers/${customer.customerId}/sms-consent`);
    expect(again.body.phoneOptedOut).toBe(true);
  });

  it('a push without the channel’s credential is refused and changes nothing', async () => {
    const forged = await fetch(`${runtime.url}/v1/sms/callbacks/${channel}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { phone_number: '13800000000', content: 'TD', send_time: '2026-11-20 10:00:00', sequence_id: 'x' },
      ]),
    });
    expect(forged.status).toBe(401);
    const notThisDeployment = channel === 'bank-gateway' ? 'tencent' : 'bank-gateway';
    const otherChannel = await fetch(`${runtime.url}/v1/sms/callbacks/${notThisDeployment}/receipts`, {
      method: 'POST',
      body: '[]',
    });
    expect(otherChannel.status).toBe(404);
  });
});
