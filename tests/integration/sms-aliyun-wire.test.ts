// The real Alibaba Cloud SMS SDK and the aliyun adapter against the local stand-in, over HTTP:
// the signature checked, templates mapped, Alibaba's refusals typed, receipts pushed back.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmsGatewayServer, type SmsGatewayServer } from '#infra/local/sms-gateway.js';
import { localChannelEnv, mountChannelStandIn } from '#infra/local/sms-channels/index.js';
import type { AliyunStandIn } from '#infra/local/sms-channels/aliyun.js';
import { createAliyunSmsProvider } from '#shared/sms/aliyun-provider.js';
import { isSmsFailure, type SmsFailure, type SmsMessage, type SmsProvider } from '#shared/sms/provider.js';

const PHONE = '+8613812345678';
let server: SmsGatewayServer;
let standIn: AliyunStandIn;
let provider: SmsProvider;
let api: Server;
const pushed: { path: string; body: unknown }[] = [];

const configOf = (baseUrl: string, overrides: Record<string, unknown> = {}) => {
  const env = localChannelEnv('aliyun', baseUrl);
  return {
    ...(JSON.parse(env.OCRM_SMS_CHANNEL_CONFIG!) as object),
    ...(JSON.parse(env.OCRM_SMS_CHANNEL_SECRET!) as object),
    ...overrides,
  };
};

const message = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
  phone: PHONE,
  text: '【示例银行】尊敬的金卡客户：您的存款将于2026-12-01到期，详询客户经理。拒收请回复R',
  kind: 'marketing',
  idempotencyKey: 'campaign-7#customer-42',
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>): Promise<SmsFailure> => {
  try {
    await promise;
  } catch (error) {
    if (isSmsFailure(error)) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
};

beforeAll(async () => {
  // a stand-in for the OCRM callback route: records what the stand-in pushes, answers code 0
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pushed.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, msg: '接收成功' }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  server = await startSmsGatewayServer();
  standIn = mountChannelStandIn(server.gateway, 'aliyun', apiUrl) as AliyunStandIn;
  provider = createAliyunSmsProvider(configOf(server.baseUrl));
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => api.close(resolve));
});

beforeEach(() => {
  server.gateway.reset();
  pushed.length = 0;
});

describe('the aliyun adapter against the local Alibaba SMS, through the real SDK', () => {
  it('sends on the approved template without the signature twice, and pushes its SmsReport back', async () => {
    const sent = await provider.send(message());

    expect(sent).toMatchObject({ provider: 'aliyun', parts: 1 });
    const [entry] = server.gateway.outbox();
    expect(entry).toMatchObject({
      messageId: sent.providerMessageId,
      phone: PHONE,
      channel: 'aliyun',
      templateCode: 'SMS_LOCAL_MARKETING',
      text: message().text,
      status: 'delivered',
    });
    await standIn.settled();
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.path).toMatch(/^\/v1\/sms\/callbacks\/aliyun\/receipts\?token=/);
    expect(pushed[0]!.body).toEqual([
      expect.objectContaining({ biz_id: sent.providerMessageId, success: true, phone_number: '13812345678' }),
    ]);
  });

  it('refuses a request signed with other keys: the configuration, nothing sent', async () => {
    const wrong = createAliyunSmsProvider(configOf(server.baseUrl, { accessKeySecret: 'not-the-secret' }));
    const failure = await failureOf(wrong.send(message()));
    expect(failure).toMatchObject({ kind: 'unavailable', reason: 'configuration', maybeSent: false });
    expect(server.gateway.outbox()).toHaveLength(0);
  });

  it.each([
    ['throttled', { kind: 'throttled', providerCode: 'isv.BUSINESS_LIMIT_CONTROL' }],
    [
      'rejected-template',
      { kind: 'rejected', reason: 'invalid_request', providerCode: 'isv.SMS_TEMPLATE_ILLEGAL' },
    ],
    [
      'unknown-number',
      { kind: 'rejected', reason: 'invalid_number', providerCode: 'isv.MOBILE_NUMBER_ILLEGAL' },
    ],
    ['Throttling.User', { kind: 'throttled', providerCode: 'Throttling.User' }],
    ['isv.OUT_OF_SERVICE', { kind: 'unavailable', reason: 'configuration', maybeSent: false }],
  ])('the fault %s is the port’s %o, and nothing is in the outbox', async (fault, expected) => {
    server.gateway.failNext(1, fault);
    const failure = await failureOf(provider.send(message()));
    expect(failure).toMatchObject(expected);
    expect(failure.message).not.toContain('13812345678');
    expect(server.gateway.outbox()).toHaveLength(0);
  });

  it('a template we have no approved mapping for is rejected before any call', async () => {
    const failure = await failureOf(provider.send(message({ template: { id: 'unmapped', values: {} } })));
    expect(failure).toMatchObject({ kind: 'rejected', reason: 'invalid_request' });
  });

  it('keeps Alibaba’s flow control: the 51st message of a day to one number on one template is throttled', async () => {
    for (let i = 0; i < 50; i++) await provider.send(message({ idempotencyKey: `k-${i}` }));
    const failure = await failureOf(provider.send(message({ idempotencyKey: 'k-50' })));
    expect(failure).toMatchObject({ kind: 'throttled', providerCode: 'isv.BUSINESS_LIMIT_CONTROL' });
    await standIn.settled();
  });

  it('a network failure before any answer is unavailable, and not sent', async () => {
    const closed = createAliyunSmsProvider(configOf('http://127.0.0.1:9'));
    const failure = await failureOf(closed.send(message()));
    expect(failure).toMatchObject({ kind: 'unavailable', reason: 'network', maybeSent: false });
  });
});
