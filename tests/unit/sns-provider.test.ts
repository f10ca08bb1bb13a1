import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AuthorizationErrorException,
  CheckIfPhoneNumberIsOptedOutCommand,
  EndpointDisabledException,
  InternalErrorException,
  InvalidParameterException,
  InvalidParameterValueException,
  KMSDisabledException,
  KMSThrottlingException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  SNSServiceException,
  ThrottledException,
  ValidationException,
} from '@aws-sdk/client-sns';
import { SnsSmsProvider, smsFailureFromSns } from '#shared/sms/sns-provider.js';
import {
  SmsOptedOut,
  SmsRejected,
  SmsThrottled,
  SmsUnavailable,
  isSmsFailure,
  type SmsFailure,
  type SmsMessage,
} from '#shared/sms/provider.js';

const PHONE = '+8613812345678';
const client = new SNSClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const sns = mockClient(client);

const message = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
  phone: PHONE,
  text: '【示例银行】尊敬的客户，您的定期存款将于3日后到期。回复TD退订',
  kind: 'marketing',
  idempotencyKey: 'campaign-1#customer-1',
  ...overrides,
});

const metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'req-1', attempts: 1 });

/** Runs the send and returns what it threw. */
const failureOf = async (promise: Promise<unknown>): Promise<SmsFailure> => {
  try {
    await promise;
  } catch (error) {
    expect(isSmsFailure(error)).toBe(true);
    return error as SmsFailure;
  }
  throw new Error('expected the send to fail');
};

/** The number in any form: E.164, digits only, national. */
const expectNoPhone = (error: Error): void => {
  const everything = [error.message, error.stack ?? '', JSON.stringify({ ...error }), String(error)].join(
    '\n',
  );
  for (const form of [PHONE, PHONE.slice(1), PHONE.slice(3)]) expect(everything).not.toContain(form);
};

beforeEach(() => {
  sns.reset();
  sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
  sns.on(PublishCommand).resolves({ MessageId: 'msg-1' });
});

describe('SnsSmsProvider.send', () => {
  it('publishes a marketing SMS as Promotional to the phone number, without a sender id when none is given', async () => {
    const sent = await new SnsSmsProvider({ client }).send(message());

    expect(sent).toEqual({ provider: 'sns', providerMessageId: 'msg-1', parts: 1 });
    const [publish] = sns.commandCalls(PublishCommand);
    expect(publish?.args[0].input).toEqual({
      PhoneNumber: PHONE,
      Message: message().text,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Promotional' } },
    });
  });

  it('publishes a service SMS as Transactional with its sender id', async () => {
    await new SnsSmsProvider({ client }).send(message({ kind: 'service', senderId: 'DEMOBANK' }));

    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'DEMOBANK' },
    });
  });

  it('counts the parts of a long Chinese text', async () => {
    const sent = await new SnsSmsProvider({ client }).send(message({ text: '理'.repeat(135) }));
    expect(sent.parts).toBe(3);
  });

  it('checks the opt-out before publishing, and raises SmsOptedOut without publishing for an opted-out number', async () => {
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });

    const failure = await failureOf(new SnsSmsProvider({ client }).send(message()));

    expect(failure).toBeInstanceOf(SmsOptedOut);
    expect(failure.kind).toBe('opted_out');
    expect(failure.retryable).toBe(false);
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)[0]?.args[0].input).toEqual({
      phoneNumber: PHONE,
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expectNoPhone(failure);
  });

  it('checks service SMS too by default, since an SNS opt-out silently drops them as well', async () => {
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });
    const failure = await failureOf(new SnsSmsProvider({ client }).send(message({ kind: 'service' })));
    expect(failure.kind).toBe('opted_out');
  });

  it("with optOutCheck 'marketing', publishes service SMS without the check", async () => {
    const provider = new SnsSmsProvider({ client, optOutCheck: 'marketing' });

    await provider.send(message({ kind: 'service' }));
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)).toHaveLength(0);
    await provider.send(message({ kind: 'marketing' }));
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)).toHaveLength(1);
  });

  it("with optOutCheck 'never', only publishes", async () => {
    await new SnsSmsProvider({ client, optOutCheck: 'never' }).send(message());
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it.each([
    ['a number that is not E.164', { phone: '13812345678' }, 'invalid_number'],
    ['a +86 number that is not a mobile', { phone: '+861012345678' }, 'invalid_number'],
    ['an empty text', { text: '  ' }, 'content'],
    ['a text over 1600 characters', { text: 'a'.repeat(1601) }, 'content'],
    ['a sender id with a space', { senderId: 'DEMO BANK' }, 'invalid_request'],
    ['a sender id over 11 characters', { senderId: 'DEMOBANK1234' }, 'invalid_request'],
  ] as const)('rejects %s before calling SNS', async (_case, overrides, reason) => {
    const failure = await failureOf(new SnsSmsProvider({ client }).send(message(overrides)));

    expect(failure).toBeInstanceOf(SmsRejected);
    expect((failure as SmsRejected).reason).toBe(reason);
    expect(sns.calls()).toHaveLength(0);
    expectNoPhone(failure);
  });

  it('treats a Publish answer without a MessageId as maybe sent', async () => {
    sns.on(PublishCommand).resolves({});
    const failure = await failureOf(new SnsSmsProvider({ client }).send(message()));
    expect(failure).toBeInstanceOf(SmsUnavailable);
    expect((failure as SmsUnavailable).maybeSent).toBe(true);
  });
});

describe('SNS errors → SMS failures', () => {
  const withPhone = `Invalid parameter: PhoneNumber Reason: ${PHONE} is not valid to publish to`;
  const network = (code: string, name = 'Error') =>
    Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code, name });
  const generic = (name: string, status: number, text = 'Rate exceeded') =>
    new SNSServiceException({ name, $fault: 'client', $metadata: metadata(status), message: text });

  const cases: [string, () => unknown, Partial<Record<string, unknown>>][] = [
    [
      'ThrottledException',
      () => new ThrottledException({ message: 'Rate exceeded', $metadata: metadata(429) }),
      { kind: 'throttled' },
    ],
    ['generic Throttling', () => generic('Throttling', 400), { kind: 'throttled' }],
    ['ThrottlingException', () => generic('ThrottlingException', 400), { kind: 'throttled' }],
    ['any HTTP 429', () => generic('SlowDownPlease', 429), { kind: 'throttled' }],
    [
      'KMSThrottlingException',
      () => new KMSThrottlingException({ message: 'KMS', $metadata: metadata(400) }),
      { kind: 'throttled' },
    ],
    [
      'OptedOutException',
      () => new OptedOutException({ message: `${PHONE} opted out`, $metadata: metadata(400) }),
      { kind: 'opted_out' },
    ],
    [
      'InvalidParameterException about the number',
      () => new InvalidParameterException({ message: withPhone, $metadata: metadata(400) }),
      { kind: 'rejected', reason: 'invalid_number' },
    ],
    [
      'InvalidParameterException about something else',
      () =>
        new InvalidParameterException({
          message: 'Invalid parameter: Empty message',
          $metadata: metadata(400),
        }),
      { kind: 'rejected', reason: 'invalid_request' },
    ],
    [
      'InvalidParameterValueException',
      () =>
        new InvalidParameterValueException({ message: 'Invalid parameter value', $metadata: metadata(400) }),
      { kind: 'rejected', reason: 'invalid_request' },
    ],
    [
      'ValidationException',
      () => new ValidationException({ message: 'bad', Message: 'bad', $metadata: metadata(400) }),
      { kind: 'rejected' },
    ],
    [
      'EndpointDisabledException',
      () => new EndpointDisabledException({ message: 'Endpoint is disabled', $metadata: metadata(400) }),
      { kind: 'rejected' },
    ],
    [
      'AuthorizationErrorException',
      () => new AuthorizationErrorException({ message: 'not authorized', $metadata: metadata(403) }),
      { kind: 'unavailable', reason: 'configuration', maybeSent: false },
    ],
    [
      'KMSDisabledException',
      () => new KMSDisabledException({ message: 'disabled', $metadata: metadata(400) }),
      { kind: 'unavailable', reason: 'configuration', maybeSent: false },
    ],
    [
      'InternalErrorException',
      () => new InternalErrorException({ message: `failed for ${PHONE}`, $metadata: metadata(500) }),
      { kind: 'unavailable', reason: 'provider_error', maybeSent: true },
    ],
    [
      'an unknown 4xx',
      () => generic('SomethingNew', 400, 'new'),
      { kind: 'unavailable', reason: 'provider_error', maybeSent: false },
    ],
    [
      'connection refused',
      () => network('ECONNREFUSED'),
      { kind: 'unavailable', reason: 'network', maybeSent: false },
    ],
    [
      'a timeout',
      () => network('ETIMEDOUT', 'TimeoutError'),
      { kind: 'unavailable', reason: 'network', maybeSent: true },
    ],
    [
      'a connection reset',
      () => network('ECONNRESET'),
      { kind: 'unavailable', reason: 'network', maybeSent: true },
    ],
  ];

  it.each(cases)('Publish failing with %s', async (_case, error, expected) => {
    sns.on(PublishCommand).rejects(error() as Error);

    const failure = await failureOf(new SnsSmsProvider({ client }).send(message()));

    expect(failure).toMatchObject(expected);
    expect(failure.retryable).toBe(expected.kind === 'throttled' || expected.kind === 'unavailable');
    expectNoPhone(failure);
  });

  it('maps each kind to its class', () => {
    const classOf = (error: unknown) => smsFailureFromSns(error, PHONE, 'publish').constructor;
    expect(classOf(generic('Throttling', 400))).toBe(SmsThrottled);
    expect(classOf(new OptedOutException({ message: 'x', $metadata: metadata(400) }))).toBe(SmsOptedOut);
    expect(classOf(new InvalidParameterException({ message: 'x', $metadata: metadata(400) }))).toBe(
      SmsRejected,
    );
    expect(classOf(new InternalErrorException({ message: 'x', $metadata: metadata(500) }))).toBe(
      SmsUnavailable,
    );
  });

  it('a failed opt-out check never counts as maybe sent', async () => {
    sns
      .on(CheckIfPhoneNumberIsOptedOutCommand)
      .rejects(new InternalErrorException({ message: 'x', $metadata: metadata(500) }));

    const failure = await failureOf(new SnsSmsProvider({ client }).send(message()));

    expect(failure).toMatchObject({ kind: 'unavailable', maybeSent: false });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('a throttled opt-out check is SmsThrottled', async () => {
    sns
      .on(CheckIfPhoneNumberIsOptedOutCommand)
      .rejects(new ThrottledException({ message: 'x', $metadata: metadata(429) }));
    expect((await failureOf(new SnsSmsProvider({ client }).send(message()))).kind).toBe('throttled');
  });

  it("carries SNS's Retry-After hint", () => {
    const error = new ThrottledException({ message: 'Rate exceeded', $metadata: metadata(429) });
    Object.defineProperty(error, '$response', {
      value: { statusCode: 429, headers: { 'retry-after': '2' } },
    });

    const failure = smsFailureFromSns(error, PHONE, 'publish');

    expect(failure).toBeInstanceOf(SmsThrottled);
    expect((failure as SmsThrottled).retryAfterMs).toBe(2000);
  });

  it('keeps the provider code and a scrubbed provider message, never the number', () => {
    const failure = smsFailureFromSns(
      new InvalidParameterException({ message: withPhone, $metadata: metadata(400) }),
      PHONE,
      'publish',
    );
    expect(failure.providerCode).toBe('InvalidParameterException');
    expect(failure.message).toContain('is not valid to publish to');
    expectNoPhone(failure);
    // also a bare national number or digits-only form quoted by a provider
    for (const quoted of [PHONE.slice(3), PHONE.slice(1), '138 1234 5678']) {
      const scrubbed = smsFailureFromSns(
        generic('InvalidParameterException', 400, `bad ${quoted}`),
        PHONE,
        'publish',
      );
      expect(scrubbed.message).not.toContain(quoted);
    }
  });
});
