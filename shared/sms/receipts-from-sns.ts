// SNS SMS delivery status (the log events SNS writes to CloudWatch Logs, `sns/<region>/<account>/
// DirectPublishToPhoneNumber[/Failure]`) → the port's delivery receipts. A CloudWatch Logs
// subscription (or the local gateway's log) hands these events to `POST /v1/sms/delivery-receipts`.
// Pure. The event's destination (the phone number) is never carried into the receipt.
import * as z from 'zod';
import type { DeliveryReceipt } from './provider.js';

const SNS_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** `2026-11-20 02:00:01.123` (SNS's UTC form) or ISO 8601 → an instant, or NaN. */
const msOf = (timestamp: string): number =>
  Date.parse(SNS_TIMESTAMP.test(timestamp) ? `${timestamp.replace(' ', 'T')}Z` : timestamp);

export const SnsDeliveryStatusEvent = z.looseObject({
  notification: z.looseObject({
    messageId: z.string().min(1).max(200),
    timestamp: z.string().refine((t) => !Number.isNaN(msOf(t)), 'is not a timestamp'),
  }),
  delivery: z.looseObject({ providerResponse: z.string().optional() }).optional(),
  status: z.enum(['SUCCESS', 'FAILURE']),
});
export type SnsDeliveryStatusEvent = z.infer<typeof SnsDeliveryStatusEvent>;

/** SNS's words when the number refused SMS (退订). */
const OPTED_OUT = /opted out/i;

export const receiptOfSnsDeliveryStatus = (event: SnsDeliveryStatusEvent): DeliveryReceipt => {
  const response = event.delivery?.providerResponse;
  return {
    providerMessageId: event.notification.messageId,
    status: event.status === 'SUCCESS' ? 'delivered' : 'failed',
    at: new Date(msOf(event.notification.timestamp)).toISOString(),
    ...(response ? { providerResponse: response.slice(0, 200) } : {}),
    ...(event.status === 'FAILURE' && response && OPTED_OUT.test(response) ? { optedOut: true } : {}),
  };
};
