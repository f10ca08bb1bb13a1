// The bank-gateway channel's sender: the bank's own SMS platform over HTTPS, by the contract in
// docs/sms-gateway.md — POST {baseUrl}/v1/messages with a batch (here of one: the sender claims,
// paces and records each message on its own), signed with X-OCRM-Timestamp / X-OCRM-Signature.
// The answer's messageId is the key of the platform's receipts. Node's fetch; no SDK.
import { logger } from '#shared/logging/logger.js';
import { phoneProblem } from '#shared/validation/phone.js';
import * as z from 'zod';
import { smsParts } from './parts.js';
import { SmsRejected, SmsUnavailable, type SmsMessage, type SmsProvider, type SmsSent } from './provider.js';
import { bankGatewayConfigOf } from './bank-gateway-config.js';
import { smsFailureFromBankGatewayCode, smsFailureFromBankGatewayStatus } from './bank-gateway-errors.js';
import { signedHeaders } from './bank-gateway-signature.js';

/** One message of a batch, as we submit it. */
export interface GatewayMessage {
  clientRef: string;
  phone: string;
  text: string;
  kind: 'marketing' | 'service';
}

export const GatewayResult = z.looseObject({
  clientRef: z.string(),
  messageId: z.string().min(1).max(200).optional(),
  status: z.enum(['accepted', 'rejected']),
  code: z.string().max(100).optional(),
});
export const GatewayAnswer = z.looseObject({ results: z.array(GatewayResult) });
const GatewayRefusal = z.looseObject({ code: z.string().optional() });

export const createBankGatewaySmsProvider = (
  raw: Record<string, unknown>,
  clock: () => Date = () => new Date(),
): SmsProvider => {
  const config = bankGatewayConfigOf(raw);
  return {
    async send(message: SmsMessage): Promise<SmsSent> {
      if (phoneProblem(message.phone))
        throw new SmsRejected('invalid_number', { providerCode: 'InvalidPhoneNumber' });
      const clientRef = message.idempotencyKey.slice(0, 200);
      const batch: GatewayMessage[] = [
        { clientRef, phone: message.phone, text: message.text, kind: message.kind },
      ];
      const body = JSON.stringify(batch);
      let response: Response;
      try {
        response = await fetch(`${config.baseUrl}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signedHeaders(config.secret, body, clock()) },
          body,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: unknown } }).cause;
        const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(`${String(cause?.code)} ${String(cause)}`);
        throw new SmsUnavailable('network', {
          providerCode: (error as Error).name,
          detail: "the bank's SMS platform gave no answer",
          maybeSent: !refused,
        });
      }
      const answer: unknown = await response.json().catch(() => undefined);
      if (response.status !== 200) {
        const refusal = GatewayRefusal.safeParse(answer);
        throw smsFailureFromBankGatewayStatus(
          response.status,
          refusal.success ? refusal.data.code : undefined,
          response.headers.get('retry-after') ?? undefined,
        );
      }
      const parsed = GatewayAnswer.safeParse(answer);
      const result = parsed.success ? parsed.data.results.find((r) => r.clientRef === clientRef) : undefined;
      if (!result)
        throw new SmsUnavailable('provider_error', {
          providerCode: 'MalformedAnswer',
          detail: "the bank's SMS platform answered without this message's result",
          maybeSent: true,
        });
      if (result.status === 'rejected') throw smsFailureFromBankGatewayCode(result.code ?? 'UNKNOWN');
      if (!result.messageId)
        throw new SmsUnavailable('provider_error', {
          providerCode: 'NoMessageId',
          detail: "the bank's SMS platform accepted the message without a messageId",
          maybeSent: true,
        });
      const { parts } = smsParts(message.text);
      logger.debug('SMS sent', {
        channel: 'bank-gateway',
        idempotencyKey: message.idempotencyKey,
        kind: message.kind,
        parts,
        providerMessageId: result.messageId,
      });
      return { provider: 'bank-gateway', providerMessageId: result.messageId, parts };
    },
  };
};
