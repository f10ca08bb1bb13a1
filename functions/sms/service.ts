// alerts stream → the service SMS an alert requested (a maturity reminder, a large-outflow notice),
// through the service SMS gate and sent once; what became of it is written on the alert's `sms`.
import * as z from 'zod';
import { clock } from '#shared/adapters/runtime.js';
import { streamHandler } from '#shared/stream/stream-handler.js';
import { sendServiceSms } from '#shared/sms/service-send.js';
import { serviceSmsDeps } from '#shared/sms/service-sources.js';
import { SERVICE_SMS_PURPOSES } from '#shared/sms/service-gate.js';

const deps = serviceSmsDeps();

// only an alert that requests an SMS must carry what sending it needs
const AlertImage = z.looseObject({
  alertId: z.string(),
  ruleId: z.string().optional(),
  customerId: z.string().optional(),
  sms: z
    .looseObject({
      status: z.string(),
      text: z.string(),
      template: z.string().optional(),
      purpose: z.enum(SERVICE_SMS_PURPOSES).optional(),
      idempotencyKey: z.string(),
    })
    .optional(),
});

export const handler = streamHandler({
  image: AlertImage,
  insert: async ({ newImage }) => {
    const { alertId, ruleId, customerId, sms } = newImage!;
    if (!sms) return;
    if (!ruleId || !customerId)
      throw new Error(`alert ${alertId} requests an SMS without its rule or customer`);
    await sendServiceSms(deps, { alertId, ruleId, customerId, sms }, clock.now());
  },
  // the sender's own writes, and acknowledgements: nothing to send
  modify: 'ignore',
  remove: 'ignore',
});
