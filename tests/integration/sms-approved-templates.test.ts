// A campaign's approved template on the channels that send approved templates only, against their
// local stand-ins on DynamoDB Local: the maker names it per channel (refused when malformed), and
// the dispatch sends that template with the campaign's values filled per customer, not the
// channel's default template carrying the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { localChannelEnv, mountChannelStandIn } from '#infra/local/sms-channels/index.js';
import type { Customer } from '#shared/customers/customer.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { smsProviderOf } from '#shared/sms/deps.js';
import { dispatchCampaigns } from '#shared/campaigns/dispatch.js';
import { dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { consentingCustomers } from '../support/campaigns.js';
import { aBank, anApprovedCampaign, beijingCampaign, type Bank } from '../support/steps/index.js';

const SEND_AT = '2026-11-18T03:00:00.000Z'; // 11:00 Beijing
const TEXT = '【示例银行】{name}您好，大额存单上线，详询{managerName}。回复TD退订';
const APPROVED = {
  aliyun: {
    code: 'SMS_100000001',
    params: { name: '{name}', product: '大额存单', manager: '{managerName}' },
  },
  tencent: { code: '100003', params: { '1': '{name}', '2': '大额存单' } },
};

let bank: Bank;
let runtime: LocalRuntime;
let pool: Customer[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  bank = await aBank({ customers: 120, now: '2026-11-20T06:00:00.000Z' });
  runtime = bank.runtime;
  pool = await consentingCustomers(runtime, '/HO/BJ/');
});
afterAll(async () => {
  process.env = savedEnv;
  await bank?.runtime.stop();
});

const dispatchOn = (channel: 'aliyun' | 'tencent') =>
  dispatchCampaigns(dynamoDispatchDeps(smsProviderOf({ channel })), {
    clock: fixedClock(SEND_AT),
    ids: ulidGenerator(),
    caps: { perDay: 1, per7Days: 2 },
    pacer: { rate: 100, marginMs: 40 },
    workers: 2,
    deadlineMs: Date.now() + 60_000,
    pricePerPartFen: 5,
    monthlyBudgetFen: 10_000_000,
    staleClaimMs: 300_000,
  });

describe('a campaign’s approved template', () => {
  it('is refused on save when its code is not the channel’s or a value names an unknown placeholder', async () => {
    const created = await bank.api.post(
      'bm-bj',
      '/v1/campaigns',
      beijingCampaign([pool[0]!.customerId], {
        text: TEXT,
        template: { text: TEXT, approved: { aliyun: { code: '100003', params: { name: '{nick}' } } } },
      }),
    );
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).toContain('body.template.approved.aliyun.code');
    expect(JSON.stringify(created.body)).toContain('body.template.approved.aliyun.params.name');
  });

  it('Alibaba’s stand-in receives the campaign’s TemplateCode and its TemplateParam filled per customer', async () => {
    runtime.sms.reset();
    Object.assign(process.env, localChannelEnv('aliyun', runtime.url));
    mountChannelStandIn(runtime.sms, 'aliyun', runtime.url);
    const customers = pool.splice(0, 2);
    await anApprovedCampaign(
      bank.api,
      beijingCampaign(
        customers.map((c) => c.customerId),
        {
          name: 'approved aliyun',
          startAt: '2026-11-17T00:00:00Z',
          template: { text: TEXT, approved: APPROVED },
        },
      ),
    );
    expect((await dispatchOn('aliyun')).sent).toBe(2);

    const outbox = runtime.sms.outbox();
    expect(outbox).toHaveLength(2);
    for (const customer of customers) {
      const entry = outbox.find((e) => e.phone === customer.phone)!;
      expect(entry).toMatchObject({ channel: 'aliyun', templateCode: 'SMS_100000001' });
      expect(entry.templateParams).toMatchObject({ name: customer.name, product: '大额存单' });
      expect(entry.templateParams!.manager).not.toMatch(/[{}]/);
      expect(entry.text).toBe(
        `【示例银行】${customer.name}您好，大额存单上线，详询${entry.templateParams!.manager}。回复TD退订`,
      );
    }
  });

  it('Tencent’s stand-in receives the campaign’s TemplateId and TemplateParamSet in variable order', async () => {
    runtime.sms.reset();
    Object.assign(process.env, localChannelEnv('tencent', runtime.url));
    mountChannelStandIn(runtime.sms, 'tencent', runtime.url);
    const [customer] = pool.splice(0, 1) as [Customer];
    await anApprovedCampaign(
      bank.api,
      beijingCampaign([customer.customerId], {
        name: 'approved tencent',
        startAt: '2026-11-17T00:00:00Z',
        template: { text: TEXT, approved: APPROVED },
      }),
    );
    expect((await dispatchOn('tencent')).sent).toBe(1);
    expect(runtime.sms.outbox()).toEqual([
      expect.objectContaining({
        channel: 'tencent',
        templateCode: '100003',
        templateParams: { '1': customer.name, '2': '大额存单' },
        text: `【示例银行】${customer.name}您好，大额存单上线。回复TD退订`,
      }),
    ]);
  });
});
