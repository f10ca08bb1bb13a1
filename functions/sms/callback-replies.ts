// Inbound replies pushed by the SMS channel (aliyun SmsUp, tencent reply callback, the bank
// gateway's replies) → the consent ledger: TD / 退订 … opt the number out at once; a reply pushed
// again (same provider id) records nothing new.
import { http } from '#shared/http/http.js';
import { logger } from '#shared/logging/logger.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { postChannelReplies as route } from '#shared/sms/api.js';
import { deploymentCallback, verifiedPush } from '#shared/sms/callback-request.js';
import { recordInboundReply } from '#shared/consent/ledger.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';

const consent = dynamoConsentStore();
const callbackOf = deploymentCallback();

export const handler = http(route, async ({ params, event, ctx }) => {
  const now = ctx.clock.now();
  // when the push arrived, for a signature's timestamp window: the wall clock, even where the bank's
  // business clock is set apart from it (the local runtime's fixed or shifted clock), because a
  // replay window is about the transport, and the provider signs with its own real time
  const arrived = new Date();
  const { callback, items: replies } = await verifiedPush(callbackOf, params.channel, event, arrived, (c) =>
    c.replies?.bind(c),
  );
  for (const reply of replies) {
    // a number we could never have sent to: nothing to record, and pushing it again would not help
    if (phoneProblem(reply.from)) {
      logger.info('inbound reply from a number that is not a mobile: skipped', {
        messageId: reply.messageId,
      });
      continue;
    }
    await recordInboundReply(consent, reply, now);
  }
  return { status: callback.accepted.status, body: callback.accepted.body };
});
