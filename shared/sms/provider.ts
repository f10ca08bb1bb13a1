// The SMS provider port: all the campaign and service-SMS senders need from a provider (SNS today,
// a domestic SMS gateway tomorrow). Pure: no AWS imports. Failures are typed so the sender decides
// on the kind, never on a provider's error string:
//   throttled   → nothing was sent; retry after the hint, and slow the pace down
//   opted_out   → the number refused SMS at the provider (退订); never retry, write back an opt-out
//   rejected    → permanent for this message (bad number, refused content); never retry
//   unavailable → transient; retry with backoff, but if `maybeSent` a retry may say it twice
// No failure's message ever contains the phone number.

export type SmsKind = 'marketing' | 'service';

export interface SmsMessage {
  /** E.164: `+8613812345678`. */
  phone: string;
  text: string;
  /** marketing = 营销短信 (Promotional), service = 通知短信 (Transactional). */
  kind: SmsKind;
  /**
   * The business key (campaign × customer, or event × customer). Providers do not deduplicate on
   * it (SNS cannot): the sender claims the key before it sends. Carried for correlation in logs.
   */
  idempotencyKey: string;
  /** Alphanumeric sender id, where the destination supports one. */
  senderId?: string;
  /**
   * The template the text was rendered from and its values, for a channel that sends approved
   * templates rather than text (aliyun, tencent: our id → their template code). Absent: the
   * channel's default template for the kind.
   */
  template?: SmsTemplateUse;
}

export interface SmsTemplateUse {
  /** Our template id (the channel config's `templates` key); with `approved`, the provider's own code. */
  id: string;
  /** Placeholder → value, as rendered into the text; with `approved`, the provider's variable → value. */
  values: Record<string, string>;
  /**
   * The sender names the provider's approved template itself (a campaign's): the id and values go
   * to the provider as they are, without the channel config's mapping.
   */
  approved?: boolean;
}

export interface SmsSent {
  /** Which provider took the message: its channel name (`sns`, `aliyun` …). */
  provider: string;
  /** The provider's id for the message: the key of its delivery-status records. */
  providerMessageId: string;
  /** Parts (条) the text costs. */
  parts: number;
}

export interface SmsProvider {
  /**
   * The channel it sends through, where it keeps per-number limits of its own (the dispatch counts
   * them: shared/campaigns/provider-limits.ts), by its name in channel.ts. Absent: none to keep
   * (SNS, a test's fake).
   */
  readonly channel?: string;
  /** Resolves once the provider has accepted the message; rejects with an {@link SmsFailure}. */
  send(message: SmsMessage): Promise<SmsSent>;
}

/**
 * A provider whose own opt-out check (SNS) can be asked apart from sending: a paced sender asks it
 * before taking its rate slot, so only the Publish follows the slot, and `send` skips it then.
 */
export interface OptOutCheckingSmsProvider extends SmsProvider {
  checkOptOut(message: SmsMessage): Promise<void>;
  send(message: SmsMessage, options?: { optOutChecked?: boolean }): Promise<SmsSent>;
}

export const checksOptOutFirst = (sms: SmsProvider): sms is OptOutCheckingSmsProvider =>
  'checkOptOut' in sms && typeof sms.checkOptOut === 'function';

export type SmsFailureKind = 'throttled' | 'opted_out' | 'rejected' | 'unavailable';

export interface SmsFailureDetails {
  /** The provider's own error code (`Throttled`, `InvalidParameter` …), for logs and metrics. */
  providerCode?: string;
  /** Extra words for the message. Must not contain the phone number. */
  detail?: string;
}

/** The base of the four failures; catch it, then switch on `kind`. */
export abstract class SmsProviderError extends Error {
  abstract readonly kind: SmsFailureKind;
  /** Whether the same message may be sent again later. */
  abstract readonly retryable: boolean;
  readonly providerCode?: string;

  constructor(summary: string, details: SmsFailureDetails = {}) {
    super(details.detail ? `${summary}: ${details.detail}` : summary);
    this.name = new.target.name;
    this.providerCode = details.providerCode;
  }
}

/** The provider refused for rate: nothing was sent. */
export class SmsThrottled extends SmsProviderError {
  readonly kind = 'throttled';
  readonly retryable = true;
  /** The provider's hint of when to try again, when it gave one. */
  readonly retryAfterMs?: number;

  constructor(details: SmsFailureDetails & { retryAfterMs?: number } = {}) {
    super('The SMS provider throttled the send', details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The number has opted out at the provider: nothing was (or will be) delivered. */
export class SmsOptedOut extends SmsProviderError {
  readonly kind = 'opted_out';
  readonly retryable = false;

  constructor(details: SmsFailureDetails = {}) {
    super('The phone number has opted out of SMS at the provider', details);
  }
}

export type SmsRejectionReason = 'invalid_number' | 'content' | 'invalid_request';

/** Permanent for this message: sending it again would fail the same way. */
export class SmsRejected extends SmsProviderError {
  readonly kind = 'rejected';
  readonly retryable = false;

  constructor(
    readonly reason: SmsRejectionReason,
    details: SmsFailureDetails = {},
  ) {
    super(`The SMS provider rejected the message (${reason})`, details);
  }
}

/** network: no answer; provider_error: the provider failed; configuration: our account or keys. */
export type SmsUnavailableReason = 'network' | 'provider_error' | 'configuration';

/** Transient: the provider could not take the message now. */
export class SmsUnavailable extends SmsProviderError {
  readonly kind = 'unavailable';
  readonly retryable = true;
  /**
   * True when the provider may have accepted the message before the failure (a timeout, a dropped
   * connection, a 5xx): a retry may deliver it twice. False when it certainly was not sent.
   */
  readonly maybeSent: boolean;

  constructor(
    readonly reason: SmsUnavailableReason,
    details: SmsFailureDetails & { maybeSent: boolean },
  ) {
    super(`The SMS provider is unavailable (${reason})`, details);
    this.maybeSent = details.maybeSent;
  }
}

export type SmsFailure = SmsThrottled | SmsOptedOut | SmsRejected | SmsUnavailable;

export const isSmsFailure = (error: unknown): error is SmsFailure => error instanceof SmsProviderError;

/**
 * What the provider later says became of a message it took (SNS: the delivery-status log in
 * CloudWatch Logs; a domestic gateway: its status report). At least once, in any order.
 */
export interface DeliveryReceipt {
  providerMessageId: string;
  status: 'delivered' | 'failed';
  /** When the carrier answered (ISO 8601 UTC). */
  at: string;
  /** The provider's words ("Phone carrier has blocked this message"). Never the phone number. */
  providerResponse?: string;
  /** The failure was the number being opted out at the provider. */
  optedOut?: boolean;
}
