// The bank-gateway channel's configuration: the channel's JSON config merged with its secret
// `ocrm/sms/bank-gateway` (shared/sms/deps.ts). The bank's own SMS platform (短信平台) takes our
// text as it is (its templates and signature are its own business); the contract is
// docs/sms-gateway.md. Pure.
import * as z from 'zod';
import { channelConfigParser } from './channel-config.js';

export const BankGatewayConfig = z.object({
  /** The platform's base URL: `https://sms.bank.internal` (POST {baseUrl}/v1/messages). */
  baseUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  /** Signs our requests to the platform. */
  secret: z.string().min(32),
  /** Verifies the platform's pushes to us; the same as `secret` when absent. */
  callbackSecret: z.string().min(32).optional(),
  /** Milliseconds: a send that takes longer is `maybeSent`. */
  timeoutMs: z.number().int().positive().default(5000),
});
export type BankGatewayConfig = z.infer<typeof BankGatewayConfig>;

export const bankGatewayConfigOf = channelConfigParser('bank-gateway', BankGatewayConfig);
