// The real @aws-sdk/client-sns and the SNS adapter against the local SMS gateway, over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  InvalidParameterException,
  ListPhoneNumbersOptedOutCommand,
  OptInPhoneNumberCommand,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { startSmsGatewayServer, type OutboxEntry, type SmsGatewayServer } from '#infra/local/sms-gateway.js';
import { SnsSmsProvider, smsFailureFromSns } from '#shared/sms/sns-provider.js';
import { isSmsFailure, type SmsFailure, type SmsMessage } from '#shared/sms/provider.js';

const PHONE = '+8613812345678';
const OTHER = '+8613987654321';

let server: SmsGatewayServer;
let client: SNSClient;
let provider: SnsSmsProvider;

const snsClient = (maxAttempts: number) =>
  new SNSClient({
    endpoint: server.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });

const message = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
  phone: PHONE,
  text: '【示例银行】尊敬的金卡客户：您的理财产品将于2025-07-01到期，详询客户经理。回复TD退订',
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
  server = await startSmsGatewayServer();
  // One attempt: the sender, not the SDK, decides on retries (see sns-provider.ts).
  client = snsClient(1);
  provider = new SnsSmsProvider({ client });
});

afterAll(async () => {
  client.destroy();
  await server.close();
});

beforeEach(() => server.gateway.reset());

describe('the local SMS gateway, through the real SNS client', () => {
  it('a Chinese marketing SMS round-trips intact into the outbox as Promotional with its sender id', async () => {
    const text = message().text + ' & <b>"引号"</b> + 100%';

    const sent = await provider.send(message({ text, senderId: 'DEMOBANK' }));

    const [entry] = server.gateway.outbox();
    expect(entry).toMatchObject({
      messageId: sent.providerMessageId,
      phone: PHONE,
      text,
      smsType: 'Promotional',
      senderId: 'DEMOBANK',
      encoding: 'UCS-2',
      status: 'delivered',
    } satisfies Partial<OutboxEntry>);
    expect(entry?.parts).toBe(sent.parts);
    expect(Date.parse(entry?.at ?? '')).not.toBeNaN();
  });

  it('a service SMS is Transactional, without a sender id when none is given', async () => {
    await provider.send(message({ kind: 'service', text: 'Your OTP is 123456' }));

    const [entry] = server.gateway.outbox();
    expect(entry).toMatchObject({ smsType: 'Transactional', encoding: 'GSM-7', parts: 1 });
    expect(entry).not.toHaveProperty('senderId');
  });

  it('serves the outbox over HTTP, newest first, filtered by phone, and clears it', async () => {
    await provider.send(message({ text: 'first' }));
    await provider.send(message({ phone: OTHER, text: 'other' }));
    await provider.send(message({ text: 'second' }));

    const all = (await (await fetch(`${server.baseUrl}/_local/sms`)).json()) as OutboxEntry[];
    expect(all.map((e) => e.text)).toEqual(['second', 'other', 'first']);
    const mine = (await (
      await fetch(`${server.baseUrl}/_local/sms?phone=${encodeURIComponent(PHONE)}`)
    ).json()) as OutboxEntry[];
    expect(mine.map((e) => e.text)).toEqual(['second', 'first']);
    // a + that was not percent-encoded arrives as a space: still found
    const unencoded = (await (
      await fetch(`${server.baseUrl}/_local/sms?phone=${PHONE}`)
    ).json()) as OutboxEntry[];
    expect(unencoded).toHaveLength(2);

    expect((await fetch(`${server.baseUrl}/_local/sms`, { method: 'DELETE' })).status).toBe(204);
    expect(server.gateway.outbox()).toEqual([]);
  });

  it('an opted-out number: CheckIfPhoneNumberIsOptedOut says true and the adapter raises SmsOptedOut', async () => {
    server.gateway.optOut(PHONE);

    const check = await client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: PHONE }));
    expect(check.isOptedOut).toBe(true);
    const other = await client.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: OTHER }));
    expect(other.isOptedOut).toBe(false);

    const failure = await failureOf(provider.send(message()));
    expect(failure.kind).toBe('opted_out');
    expect(server.gateway.outbox()).toEqual([]);
  });

  it('like SNS, a Publish to an opted-out number succeeds but is not delivered', async () => {
    server.gateway.optOut(PHONE);

    const published = await client.send(new PublishCommand({ PhoneNumber: PHONE, Message: 'hello' }));

    expect(published.MessageId).toBeTruthy();
    expect(server.gateway.outbox()[0]).toMatchObject({ status: 'opted_out', smsType: 'Promotional' });
  });

  it('lists opted-out numbers and opts them back in', async () => {
    server.gateway.optOut(PHONE);
    const optOut = await fetch(`${server.baseUrl}/_local/sms/opted-out`, {
      method: 'POST',
      body: JSON.stringify({ phone: OTHER }),
    });
    expect(optOut.status).toBe(204);

    const listed = await client.send(new ListPhoneNumbersOptedOutCommand({}));
    expect(listed.phoneNumbers).toEqual([PHONE, OTHER].sort());
    expect(listed.nextToken).toBeUndefined();

    await client.send(new OptInPhoneNumberCommand({ phoneNumber: PHONE }));
    expect((await client.send(new ListPhoneNumbersOptedOutCommand({}))).phoneNumbers).toEqual([OTHER]);
    await expect(provider.send(message())).resolves.toMatchObject({ provider: 'sns' });
  });

  it('pages ListPhoneNumbersOptedOut by nextToken', async () => {
    const phones = Array.from({ length: 150 }, (_, i) => `+86139${String(i).padStart(8, '0')}`);
    for (const phone of phones) server.gateway.optOut(phone);

    const first = await client.send(new ListPhoneNumbersOptedOutCommand({}));
    const second = await client.send(new ListPhoneNumbersOptedOutCommand({ nextToken: first.nextToken }));

    expect(first.phoneNumbers).toHaveLength(100);
    expect(second.nextToken).toBeUndefined();
    expect([...(first.phoneNumbers ?? []), ...(second.phoneNumbers ?? [])]).toEqual(phones);
  });

  it('failNext(Throttled): the SDK raises ThrottledException and the adapter SmsThrottled, then it recovers', async () => {
    server.gateway.failNext(2, 'Throttled');

    await expect(
      client.send(new PublishCommand({ PhoneNumber: PHONE, Message: 'x' })),
    ).rejects.toBeInstanceOf(ThrottledException);
    const failure = await failureOf(provider.send(message()));
    expect(failure.kind).toBe('throttled');
    expect(failure.providerCode).toBe('ThrottledException');

    await expect(provider.send(message())).resolves.toMatchObject({ provider: 'sns' });
    expect(server.gateway.outbox()).toHaveLength(1);
  });

  it.each([
    ['InternalError', { kind: 'unavailable', reason: 'provider_error', maybeSent: true }],
    ['AuthorizationErrorException', { kind: 'unavailable', reason: 'configuration', maybeSent: false }],
    ['KMSThrottling', { kind: 'throttled' }],
    ['EndpointDisabled', { kind: 'rejected' }],
    ['OptedOut', { kind: 'opted_out' }],
  ])('failNext(%s) reaches the adapter as %o', async (code, expected) => {
    server.gateway.failNext(1, code);
    expect(await failureOf(provider.send(message()))).toMatchObject(expected);
  });

  it('the default SDK retry absorbs a single throttle (so give the adapter a one-attempt client)', async () => {
    const retrying = snsClient(3);
    server.gateway.failNext(1, 'Throttled');

    await new SnsSmsProvider({ client: retrying, optOutCheck: 'never' }).send(message());

    expect(server.gateway.outbox()).toHaveLength(1);
    retrying.destroy();
  });

  it('over the rate limit the gateway answers Throttled with a Retry-After hint', async () => {
    server.gateway.setRateLimit(3);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => provider.send(message({ idempotencyKey: `k${i}`, text: `m${i}` }))),
    );

    const sent = results.filter((r) => r.status === 'fulfilled');
    const throttled = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as SmsFailure] : []));
    expect(sent).toHaveLength(3);
    expect(throttled.map((f) => f.kind)).toEqual(['throttled', 'throttled']);
    expect(throttled[0]).toMatchObject({ retryAfterMs: 1000 });
    expect(server.gateway.outbox()).toHaveLength(3);
  });

  it('the rate limit is a rolling second', async () => {
    let now = Date.parse('2025-06-01T02:00:00Z');
    const timed = await startSmsGatewayServer(0, { ratePerSecond: 2, now: () => now });
    const timedClient = new SNSClient({
      endpoint: timed.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const timedProvider = new SnsSmsProvider({ client: timedClient, optOutCheck: 'never' });
    try {
      await timedProvider.send(message());
      now += 400;
      await timedProvider.send(message());
      expect((await failureOf(timedProvider.send(message()))).kind).toBe('throttled');
      now += 700; // the first send has left the window
      await timedProvider.send(message());
      expect(timed.gateway.outbox().map((e) => e.at)).toEqual([
        '2025-06-01T02:00:01.100Z',
        '2025-06-01T02:00:00.400Z',
        '2025-06-01T02:00:00.000Z',
      ]);
    } finally {
      timedClient.destroy();
      await timed.close();
    }
  });

  it("an invalid number is InvalidParameter quoting the number, and the adapter's failure does not repeat it", async () => {
    const bad = '+0123456789';
    const error = await client
      .send(new PublishCommand({ PhoneNumber: bad, Message: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as Error).message).toContain(bad); // SNS quotes it …

    const failure = smsFailureFromSns(error, bad, 'publish'); // … the adapter's mapping of that very error does not
    expect(failure).toMatchObject({ kind: 'rejected', reason: 'invalid_number' });
    expect(`${failure.message}\n${failure.stack ?? ''}`).not.toContain(bad.slice(1));

    // and the adapter refuses it before calling SNS at all
    expect(await failureOf(provider.send(message({ phone: bad })))).toMatchObject({
      reason: 'invalid_number',
    });
    expect(server.gateway.outbox()).toEqual([]);
  });

  it('refuses unknown actions and non-phone publishes with SNS errors', async () => {
    const response = await fetch(`${server.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=CreateTopic&Version=2010-03-31&Name=t',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>InvalidAction</Code>');

    await expect(
      client.send(new PublishCommand({ TopicArn: 'arn:aws:sns:local:000000000000:t', Message: 'x' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('does not serve other paths', async () => {
    const response = await fetch(`${server.baseUrl}/customers`);
    expect(response.status).toBe(404);
  });
});
