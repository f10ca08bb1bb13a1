// SMS channels (短信通道): which provider a deployment sends through, and the one shape every
// channel's callbacks (delivery receipts 回执, inbound replies 上行) are parsed into. Pure: no AWS.
//
// ── For whoever adds a channel (tencent, bank-gateway) ───────────────────────────────────────────
//  1. `shared/sms/<channel>-provider.ts`: export
//       createTencentSmsProvider(config: Record<string, unknown>): SmsProvider         (or …BankGateway…)
//     `config` is the channel's JSON config merged with its secret `ocrm/sms/<channel>` (see
//     ChannelSecrets below and shared/sms/deps.ts); validate it with zod inside. Throw SmsFailure
//     kinds (provider.ts) only; never put the phone number in an error.
//  2. `shared/sms/<channel>-callback.ts`: export
//       createTencentCallback(config: Record<string, unknown>): ProviderCallback        (or …BankGateway…)
//     `verify` checks the request (signature, token, timestamp: refuse replays there); `receipts` /
//     `replies` parse the raw body into DeliveryReceipt[] / InboundReply[] (throw on a malformed body:
//     the route answers 400); `accepted` is what the provider wants back when all was taken,
//     `retryLater` when a receipt overtook its send (the provider then pushes it again).
//  3. Fill the marked slots of your channel in PROVIDERS and CALLBACKS in shared/sms/deps.ts.
//  4. The local stand-in `infra/local/sms-channels/<channel>.ts` exports a `ChannelStandIn` factory
//     (see infra/local/sms-channels/index.ts) over the shared outbox; add it to STAND_INS there.
//  5. Tests: add the channel to the `CHANNELS` list of tests/integration/sms-channels.test.ts (its
//     stand-in implements ChannelStandIn: reply, repush, settled).
// The routes are generic and need nothing per channel: POST /v1/sms/callbacks/{channel}/receipts
// and /replies (shared/sms/api.ts, functions/sms/callback-*.ts). Receipts are applied once
// (a push repeated is `duplicate`), replies go through the consent ledger deduplicated by messageId.
import type { DeliveryReceipt } from './provider.js';

export const SMS_CHANNELS = ['sns', 'aliyun', 'tencent', 'bank-gateway'] as const;
export type SmsChannelName = (typeof SMS_CHANNELS)[number];

export const isSmsChannel = (name: string): name is SmsChannelName =>
  (SMS_CHANNELS as readonly string[]).includes(name);

/** The deployment's channel from `OCRM_SMS_CHANNEL`, default `sns`; an unknown name is a configuration error. */
export const smsChannelOf = (env: NodeJS.ProcessEnv = process.env): SmsChannelName => {
  const name = env.OCRM_SMS_CHANNEL?.trim() || 'sns';
  if (!isSmsChannel(name)) {
    throw new Error(`OCRM_SMS_CHANNEL must be one of ${SMS_CHANNELS.join(', ')}; got ${name}`);
  }
  return name;
};

/** A reply from a phone, as POST /v1/sms/inbound takes it (shared/consent/api.ts `postInbound`). */
export interface InboundReply {
  /** The provider's id of the inbound message: a replay with the same id records nothing new. */
  messageId: string;
  /** E.164. */
  from: string;
  text: string;
  /** ISO 8601 with offset, when the provider says. */
  receivedAt?: string;
}

/** A provider's HTTP push as the route received it. */
export interface CallbackRequest {
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The raw body, exactly as sent (signatures are over it). */
  body: string;
  /** The caller's address, for a source allow list. */
  sourceIp?: string;
  /** The request's arrival, for a timestamp window. */
  now: Date;
}

export interface CallbackAnswer {
  status: number;
  /** Sent as JSON. */
  body: unknown;
}

export interface ProviderCallback {
  /** True when the request comes from the provider (signature, token or source, as it offers). */
  verify(request: CallbackRequest): boolean | Promise<boolean>;
  /** Delivery receipts in the body; throws on a malformed body. Absent: the channel pushes none. */
  receipts?(body: string): DeliveryReceipt[];
  /** Inbound replies in the body; throws on a malformed body. Absent: the channel pushes none. */
  replies?(body: string): InboundReply[];
  /** The answer the provider reads as "taken". */
  accepted: CallbackAnswer;
  /** The answer that makes the provider push again later (a receipt that overtook its send). */
  retryLater: CallbackAnswer;
}

/**
 * Where a channel's credentials come from: Secrets Manager `ocrm/sms/<channel>` in AWS, the
 * environment locally and in tests. A JSON object of the channel's own keys.
 */
export interface ChannelSecrets {
  read(channel: SmsChannelName): Promise<Record<string, unknown>>;
}

/** The Secrets Manager name of a channel's secret. */
export const channelSecretName = (channel: SmsChannelName): string => `ocrm/sms/${channel}`;
