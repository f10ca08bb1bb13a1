// HTTP contract for the SMS provider's delivery receipts (回执): what became of messages it took.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { SnsDeliveryStatusEvent } from './receipts-from-sns.js';

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
