// schedule → the service SMS deferred to the send window whose time has come, sent once each
// (shared/sms/service-resend.ts); what became of each is written on its alert's `sms`.
import { clock } from '#shared/adapters/runtime.js';
import { logger } from '#shared/logging/logger.js';
import { resendDeferredServiceSms } from '#shared/sms/service-resend.js';
import { serviceSmsDeps } from '#shared/sms/service-sources.js';

const deps = serviceSmsDeps();

export const handler = async () => {
  const summary = await resendDeferredServiceSms(deps, clock.now());
  if (summary.due > 0) logger.info('deferred service SMS re-sent', { ...summary });
  return summary;
};
