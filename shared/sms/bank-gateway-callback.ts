// The bank-gateway channel's pushes (docs/sms-gateway.md): receipts [{messageId, clientRef, status:
// delivered|failed, code, at}] and replies [{replyId, phone, text, at}], each signed as our requests
// are (bank-gateway-signature.ts): a bad signature, a timestamp outside ±5 minutes, or a signature
// seen before within the window (a replay) is refused. The seen set is per process; a replay that
// reaches another process is absorbed by the receipts' own idempotency (a receipt by messageId and
// status, a reply by replyId): it changes nothing. Answered `{"result":"accepted"}`; anything else
// (`{"result":"retry"}`) makes the platform push the batch again later. Pure.
import * as z from 'zod';
import type { CallbackRequest, InboundReply, ProviderCallback } from './channel.js';
import type { DeliveryReceipt } from './provider.js';
import { bankGatewayConfigOf } from './bank-gateway-config.js';
import { checkSignedRequest, seenSignaturesInMemory, type SeenSignatures } from './bank-gateway-signature.js';

const At = z.iso.datetime({ offset: true });

export const GatewayReceipt = z.looseObject({
  messageId: z.string().min(1).max(200),
  clientRef: z.string().max(200).optional(),
  status: z.enum(['delivered', 'failed']),
  code: z.string().max(100).optional(),
  at: At,
});
export type GatewayReceipt = z.infer<typeof GatewayReceipt>;

export const GatewayReply = z.looseObject({
  replyId: z.string().min(1).max(200),
  phone: z.string().regex(/^\+[1-9]\d{4,14}$/),
  text: z.string().max(1600),
  at: At,
});
export type GatewayReply = z.infer<typeof GatewayReply>;

/** Receipt codes that say the number refused SMS. */
const OPTED_OUT_CODES = new Set(['OPTED_OUT']);

export const receiptOfGateway = (item: GatewayReceipt): DeliveryReceipt => ({
  providerMessageId: item.messageId,
  status: item.status,
  at: new Date(item.at).toISOString(),
  ...(item.code ? { providerResponse: item.code.replace(/\+?\d[\d\s-]{5,}\d/g, '[redacted]') } : {}),
  ...(item.status === 'failed' && item.code && OPTED_OUT_CODES.has(item.code) ? { optedOut: true } : {}),
});

export const replyOfGateway = (item: GatewayReply): InboundReply => ({
  messageId: `bank-gateway-up-${item.replyId}`,
  from: item.phone,
  text: item.text,
  receivedAt: new Date(item.at).toISOString(),
});

const arrayOf = <T extends z.ZodType>(item: T, body: string): z.output<T>[] => {
  const parsed = z.array(item).min(1).max(1000).safeParse(JSON.parse(body));
  if (!parsed.success)
    throw new Error(`not a push of the bank's SMS platform: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
};

export const createBankGatewayCallback = (
  raw: Record<string, unknown>,
  seen: SeenSignatures = seenSignaturesInMemory(),
): ProviderCallback => {
  const config = bankGatewayConfigOf(raw);
  const secret = config.callbackSecret ?? config.secret;
  return {
    verify: (request: CallbackRequest) => checkSignedRequest(secret, request, seen) === 'ok',
    receipts: (body) => arrayOf(GatewayReceipt, body).map(receiptOfGateway),
    replies: (body) => arrayOf(GatewayReply, body).map(replyOfGateway),
    accepted: { status: 200, body: { result: 'accepted' } },
    retryLater: { status: 200, body: { result: 'retry' } },
  };
};
