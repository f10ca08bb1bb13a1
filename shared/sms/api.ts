// HTTP contract for the SMS provider's delivery receipts (回执): what became of messages it took.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { SnsDeliveryStatusEvent } from './receipts-from-sns.js';
import { SMS_CHANNELS } from './channel.js';

export const DeliveryReceiptInput = z.strictObject({
  providerMessageId: z.string().min(1).max(200),
  status: z.enum(['delivered', 'failed']),
  at: z.iso.datetime({ offset: true }).transform((at) => new Date(at).toISOString()),
  providerResponse: z.string().max(500).optional(),
  optedOut: z.boolean().optional(),
});

export const postDeliveryReceipts = defineRoute({
  method: 'POST',
  path: '/v1/sms/delivery-receipts',
  summary:
    'Delivery receipts from the SMS provider: as receipts, or as SNS delivery-status log events; idempotent',
  auth: 'jwt',
  roles: ['integration', 'admin'],
  body: z
    .strictObject({
      receipts: z.array(DeliveryReceiptInput).min(1).max(100).optional(),
      /** SNS delivery-status log events as CloudWatch Logs holds them. */
      snsDeliveryStatus: z.array(SnsDeliveryStatusEvent).min(1).max(100).optional(),
    })
    .refine((b) => (b.receipts === undefined) !== (b.snsDeliveryStatus === undefined), {
      message: 'give exactly one of receipts or snsDeliveryStatus',
      path: ['receipts'],
    }),
  response: z.object({
    results: z.array(
      z.object({ providerMessageId: z.string(), outcome: z.enum(['applied', 'duplicate', 'unknown']) }),
    ),
  }),
});

const ChannelParams = z.object({ channel: z.enum(SMS_CHANNELS) });
/** What the provider wants back: its own answer (aliyun `{"code":0,"msg":"接收成功"}` …). */
const ProviderAnswer = z.unknown().describe('the answer the channel’s provider expects');

/**
 * Pushes from the deployment's SMS channel. Public (the provider has no bank login) but verified
 * by the channel's own check (a signature, a token, a source: shared/sms/<channel>-callback.ts);
 * the raw body is the provider's. A channel other than the deployment's is 404.
 */
export const postChannelReceipts = defineRoute({
  method: 'POST',
  path: '/v1/sms/callbacks/{channel}/receipts',
  summary:
    'Delivery receipts pushed by the SMS channel, verified by its check; each applied once (a push repeated changes nothing)',
  auth: 'none',
  params: ChannelParams,
  response: ProviderAnswer,
});

export const postChannelReplies = defineRoute({
  method: 'POST',
  path: '/v1/sms/callbacks/{channel}/replies',
  summary:
    'Inbound replies pushed by the SMS channel, verified by its check; TD, T, N, R, 退订, 拒收 opt out at once; a reply repeated records nothing new',
  auth: 'none',
  params: ChannelParams,
  response: ProviderAnswer,
});
