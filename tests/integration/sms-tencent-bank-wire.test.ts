// The tencent adapter (the real Tencent Cloud SDK) and the bank-gateway adapter against their local
// stand-ins, over HTTP: requests signed and checked, templates mapped, refusals typed, receipts
// pushed back to the callback route (here a recorder that answers as OCRM does).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmsGatewayServer, type SmsGatewayServer } from '#infra/local/sms-gateway.js';
import { localChannelEnv, mountChannelStandIn } from '#infra/local/sms-channels/index.js';
import type { PushingStandIn } from '#infra/local/sms-channels/push.js';
import { createTencentSmsProvider } from '#shared/sms/tencent-provider.js';
import { createTencentCallback } from '#shared/sms/tencent-callback.js';
import { createBankGatewaySmsProvider } from '#shared/sms/bank-gateway-provider.js';
import { createBankGatewayCallback } from '#shared/sms/bank-gateway-callback.js';
import type { SmsChannelName } from '#shared/sms/channel.js';
import { isSmsFailure, type SmsFailure, type SmsMessage, type SmsProvider } from '#shared/sms/provider.js';

const PHONE = '+8613812345678';
let server: SmsGatewayServer;
let api: Server;
let apiUrl: string;
const pushed: { path: string; headers: Record<string, string>; body: string }[] = [];

const configOf = (channel: SmsChannelName, baseUrl: string, overrides: Record<string, unknown> = {}) => {
  const env = localChannelEnv(channel, baseUrl);
  return {
    ...(JSON.parse(env.OCRM_SMS_CHANNEL_CONFIG!) as object),
    ...(JSON.parse(env.OCRM_SMS_CHANNEL_SECRET!) as object),
    ...overrides,
  } as Record<string, unknown>;
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
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = String(v);
      pushed.push({ path: req.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = req.url?.includes('/tencent/') ? { result: 0, errmsg: 'OK' } : { result: 'accepted' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  server = await startSmsGatewayServer();
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => api.close(resolve));
});

const CASES = [
  {
    channel: 'tencent' as const,
    create: createTencentSmsProvider,
    callback: createTencentCallback,
    wrongKeys: { secretKey: 'not-the-secret-key' },
    faults: [
      ['throttled', { kind: 'throttled', providerCode: 'LimitExceeded.PhoneNumberDailyLimit' }],
      ['rejected-template', { kind: 'rejected', reason: 'invalid_request' }],
      ['unknown-number', { kind: 'rejected', reason: 'invalid_number' }],
      ['FailedOperation.PhoneNumberInBlacklist', { kind: 'opted_out' }],
    ] as [string, Record<string, unknown>][],
  },
  {
    channel: 'bank-gateway' as const,
    create: (config: Record<string, unknown>) => createBankGatewaySmsProvider(config),
    callback: (config: Record<string, unknown>) => createBankGatewayCallback(config),
    wrongKeys: { secret: 'x'.repeat(40) },
    faults: [
      ['throttled', { kind: 'throttled', providerCode: 'RATE_LIMITED' }],
      ['rejected-template', { kind: 'rejected', reason: 'content' }],
      ['unknown-number', { kind: 'rejected', reason: 'invalid_number' }],
      ['OPTED_OUT', { kind: 'opted_out' }],
    ] as [string, Record<string, unknown>][],
  },
];

describe.each(CASES)('the $channel adapter against its local stand-in', (c) => {
  let standIn: PushingStandIn<unknown>;
  let provider: SmsProvider;

  beforeAll(() => {
    standIn = mountChannelStandIn(server.gateway, c.channel, apiUrl) as PushingStandIn<unknown>;
    provider = c.create(configOf(c.channel, server.baseUrl));
  });

  beforeEach(() => {
    server.gateway.reset();
    pushed.length = 0;
  });

  it('sends, and pushes a receipt that the channel’s own callback verifies and parses', async () => {
    const sent = await provider.send(message());
    expect(sent).toMatchObject({ provider: c.channel, parts: 1 });
    const [entry] = server.gateway.outbox();
    expect(entry).toMatchObject({ messageId: sent.providerMessageId, phone: PHONE, channel: c.channel });
    await standIn.settled();
    expect(pushed).toHaveLength(1);
    const push = pushed[0]!;
    expect(push.path).toMatch(new RegExp(`^/v1/sms/callbacks/${c.channel}/receipts`));
    const callback = c.callback(configOf(c.channel, server.baseUrl));
    const url = new URL(push.path, apiUrl);
    const request = {
      headers: push.headers,
      query: Object.fromEntries(url.searchParams),
      body: push.body,
      now: new Date(),
    };
    expect(await callback.verify(request)).toBe(true);
    expect(callback.receipts!(push.body)).toEqual([
      expect.objectContaining({ providerMessageId: sent.providerMessageId, status: 'delivered' }),
    ]);
    // the body changed: refused
    expect(
      await callback.verify({
        ...request,
        body: push.body.replace('delivered', 'failed').replace('SUCCESS', 'FAIL'),
      }),
    ).toBe(
      c.channel === 'tencent', // tencent signs nothing: its check is the URL token
    );
  });

  it('refuses a request signed with other keys: the configuration, nothing sent', async () => {
    const wrong = c.create(configOf(c.channel, server.baseUrl, c.wrongKeys));
    const failure = await failureOf(wrong.send(message()));
    expect(failure).toMatchObject({ kind: 'unavailable', reason: 'configuration', maybeSent: false });
    expect(server.gateway.outbox()).toHaveLength(0);
  });

  it.each(c.faults)(
    'the fault %s is the port’s %o, and nothing is in the outbox',
    async (fault, expected) => {
      server.gateway.failNext(1, fault);
      const failure = await failureOf(provider.send(message()));
      expect(failure).toMatchObject(expected);
      expect(failure.message).not.toContain('13812345678');
      expect(server.gateway.outbox()).toHaveLength(0);
    },
  );

  it('a reply is pushed to the replies route and parsed into the sender’s number and text', async () => {
    await standIn.reply(PHONE, 'TD');
    await standIn.settled();
    const push = pushed.find((p) => p.path.includes('/replies'))!;
    const callback = c.callback(configOf(c.channel, server.baseUrl));
    expect(callback.replies!(push.body)).toEqual([expect.objectContaining({ from: PHONE, text: 'TD' })]);
  });

  it('a network failure before any answer is unavailable, and not sent', async () => {
    const closed = c.create(
      configOf(c.channel, 'http://127.0.0.1:65531') /* fetch refuses port 9 outright */,
    );
    const failure = await failureOf(closed.send(message()));
    expect(failure).toMatchObject({ kind: 'unavailable', reason: 'network', maybeSent: false });
  });
});
