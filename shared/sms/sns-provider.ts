// The SMS provider port on Amazon SNS: one Publish to a PhoneNumber per message, SMSType from the
// kind (marketing → Promotional, service → Transactional), and SNS errors mapped to the port's
// typed failures.
//
// Opt-out check: SNS answers Publish to an opted-out number with success and then drops the message
// (the delivery-status log says "Phone is currently opted out"); Publish never raises OptedOut. So
// before publishing the adapter asks CheckIfPhoneNumberIsOptedOut and raises SmsOptedOut, for both
// kinds by default: an SNS opt-out is account-wide, so a service SMS would vanish the same way and
// be recorded as sent. The check is one more call (its own, lower SNS quota) and not atomic with
// the Publish; `optOutCheck: 'marketing'` or `'never'` trades that away. A paced sender asks
// `checkOptOut` before it waits for its slot and then sends with `optOutChecked`, so only the
// Publish follows the slot (the check's round trip would otherwise land between them).
//
// Retries: the SDK client retries throttles and 5xx by itself (maxAttempts). A Publish has no
// idempotency at SNS, so a retried timeout may deliver twice; build the client for this adapter with
// `maxAttempts: 1` and let the sender retry on SmsThrottled / SmsUnavailable (it sees `maybeSent`).
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  PublishCommand,
  type MessageAttributeValue,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { snsPublishClient } from '#shared/adapters/aws.js';
import { logger } from '#shared/logging/logger.js';
import { redactText } from '#shared/logging/redact.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { smsParts } from './parts.js';
import {
  SmsOptedOut,
  SmsRejected,
  SmsThrottled,
  SmsUnavailable,
  type SmsFailure,
  type SmsKind,
  type SmsMessage,
  type SmsProvider,
  type SmsSent,
} from './provider.js';

export const SMS_TYPE: Record<SmsKind, 'Promotional' | 'Transactional'> = {
  marketing: 'Promotional',
  service: 'Transactional',
};

/** SNS refuses a single SMS Publish longer than this many characters. */
export const SNS_SMS_MAX_CHARACTERS = 1600;
/** SNS sender ids: 1–11 letters and digits, at least one letter. */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;

export type OptOutCheck = 'all' | 'marketing' | 'never';

export interface SnsSmsProviderOptions {
  /** Defaults to the shared module-scope client (OCRM_SNS_ENDPOINT locally). */
  client?: SNSClient;
  /** Which kinds are checked with CheckIfPhoneNumberIsOptedOut before Publish. Default `all`. */
  optOutCheck?: OptOutCheck;
}

export class SnsSmsProvider implements SmsProvider {
  private readonly client: SNSClient;
  private readonly optOutCheck: OptOutCheck;

  constructor(options: SnsSmsProviderOptions = {}) {
    this.client = options.client ?? snsPublishClient();
    this.optOutCheck = options.optOutCheck ?? 'all';
  }

  /** The opt-out check `send` makes first (when configured for the kind): raises SmsOptedOut. */
  async checkOptOut(message: SmsMessage): Promise<void> {
    validate(message);
    if (this.optOutCheck === 'never' || (this.optOutCheck === 'marketing' && message.kind !== 'marketing'))
      return;
    const check = await this.client
      .send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: message.phone }))
      .catch((error: unknown) => {
        throw smsFailureFromSns(error, message.phone, 'check');
      });
    if (check.isOptedOut) throw new SmsOptedOut({ providerCode: 'CheckIfPhoneNumberIsOptedOut' });
  }

  /** `optOutChecked`: the caller has just asked {@link checkOptOut} for this message. */
  async send(message: SmsMessage, options: { optOutChecked?: boolean } = {}): Promise<SmsSent> {
    const { parts } = validate(message);
    if (!options.optOutChecked) await this.checkOptOut(message);
    const attributes: Record<string, MessageAttributeValue> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: SMS_TYPE[message.kind] },
    };
    if (message.senderId) {
      attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: message.senderId };
    }
    const published = await this.client
      .send(
        new PublishCommand({
          PhoneNumber: message.phone,
          Message: message.text,
          MessageAttributes: attributes,
        }),
      )
      .catch((error: unknown) => {
        throw smsFailureFromSns(error, message.phone, 'publish');
      });
    if (!published.MessageId) {
      // SNS always returns one; without it the message's fate is unknown.
      throw new SmsUnavailable('provider_error', {
        maybeSent: true,
        detail: 'SNS Publish returned no MessageId',
      });
    }
    logger.debug('SMS published', {
      idempotencyKey: message.idempotencyKey,
      kind: message.kind,
      parts,
      providerMessageId: published.MessageId,
    });
    return { provider: 'sns', providerMessageId: published.MessageId, parts };
  }
}

/** Refuses what SNS would refuse, before the call: cheaper, and the answer needs no parsing. */
const validate = (message: SmsMessage): { parts: number } => {
  if (phoneProblem(message.phone))
    throw new SmsRejected('invalid_number', { detail: 'not a valid E.164 mobile' });
  const count = smsParts(message.text);
  if (count.characters === 0 || message.text.trim() === '') {
    throw new SmsRejected('content', { detail: 'the text is empty' });
  }
  if (count.characters > SNS_SMS_MAX_CHARACTERS) {
    throw new SmsRejected('content', {
      detail: `the text is longer than ${SNS_SMS_MAX_CHARACTERS} characters`,
    });
  }
  if (message.senderId !== undefined && !SENDER_ID.test(message.senderId)) {
    throw new SmsRejected('invalid_request', { detail: 'the sender id must be 1–11 letters and digits' });
  }
  return { parts: count.parts };
};

// Throttling as SNS (Throttled), the AWS front door (Throttling, ThrottlingException) and KMS say it.
const THROTTLED = new Set([
  'ThrottledException',
  'Throttled',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'KMSThrottlingException',
]);
const OPTED_OUT = new Set(['OptedOutException', 'OptedOut']);
const REJECTED = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ValidationException',
  'EndpointDisabledException',
  'NotFoundException',
  'PlatformApplicationDisabledException',
]);
// Our account, keys or KMS key, not the message: retry once ops have fixed it.
const CONFIGURATION = new Set([
  'AuthorizationErrorException',
  'InvalidSecurityException',
  'KMSAccessDeniedException',
  'KMSDisabledException',
  'KMSInvalidStateException',
  'KMSNotFoundException',
  'KMSOptInRequired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'ExpiredToken',
  'ExpiredTokenException',
  'AccessDenied',
  'AccessDeniedException',
  'CredentialsProviderError',
]);
// The request certainly never reached SNS.
const NOT_SENT_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown; headers?: Record<string, unknown> };
}

/**
 * Maps an error thrown by the SNS client to the port's failure. `stage` says which call failed: a
 * failed opt-out check never sent anything. The result carries no phone number, and not the SDK
 * error either (its message may quote the number).
 */
export const smsFailureFromSns = (error: unknown, phone: string, stage: 'check' | 'publish'): SmsFailure => {
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = numberOr(shape.$metadata?.httpStatusCode) ?? numberOr(shape.$response?.statusCode);
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const providerCode = code && !status ? code : name;
  const detail = [
    `SNS ${stage === 'check' ? 'CheckIfPhoneNumberIsOptedOut' : 'Publish'} ${providerCode}`,
    status ? `(HTTP ${status})` : undefined,
    typeof shape.message === 'string' && shape.message ? `— ${scrub(shape.message, phone)}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const details = { providerCode, detail };

  if (THROTTLED.has(name) || status === 429) {
    return new SmsThrottled({ ...details, retryAfterMs: retryAfterMs(shape.$response?.headers) });
  }
  if (OPTED_OUT.has(name)) return new SmsOptedOut(details);
  if (REJECTED.has(name)) {
    const aboutNumber = typeof shape.message === 'string' && /phone\s*number/i.test(shape.message);
    return new SmsRejected(aboutNumber ? 'invalid_number' : 'invalid_request', details);
  }
  if (CONFIGURATION.has(name)) return new SmsUnavailable('configuration', { ...details, maybeSent: false });
  if (status === undefined) {
    // No HTTP answer: refused before sending, or lost on the way (a timeout may have been delivered).
    const neverSent = stage === 'check' || (code !== undefined && NOT_SENT_NETWORK.has(code));
    return new SmsUnavailable('network', { ...details, maybeSent: !neverSent });
  }
  // A 5xx may have failed after the message was taken; an unknown 4xx was not taken.
  return new SmsUnavailable('provider_error', {
    ...details,
    maybeSent: stage === 'publish' && status >= 500,
  });
};

const numberOr = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Retry-After in delta-seconds (the only form SNS and the local gateway send). */
const retryAfterMs = (headers: Record<string, unknown> | undefined): number | undefined => {
  const raw = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = typeof raw === 'string' ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
};

/** SNS quotes the number in some messages ("+861… is not valid to publish to"): take it out. */
const scrub = (text: string, phone: string): string => {
  let out = text;
  const digits = phone.replace(/\D/g, '');
  for (const form of [phone, digits]) if (form) out = out.split(form).join('[redacted]');
  out = redactText(out).replace(/\+?\d[\d\s-]{5,}\d/g, '[redacted]');
  return out.length > 200 ? `${out.slice(0, 197)}...` : out;
};
