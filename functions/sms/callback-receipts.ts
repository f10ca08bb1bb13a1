// Delivery receipts pushed by the SMS channel (aliyun SmsReport, tencent status callback, the bank
// gateway's receipts) → the send records, once each. A receipt that overtook its send's own record
// makes the answer "retry later", so the provider pushes the batch again.
import { http } from '#shared/http/http.js';
import { postChannelReceipts as route } from '#shared/sms/api.js';
import { deploymentCallback, verifiedPush } from '#shared/sms/callback-request.js';
import { applyDeliveryReceipts } from '#shared/campaigns/delivery.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = {
  messages: dynamoCampaignMessageStore(),
  customers: dynamoCustomerStore(),
  consent: dynamoConsentStore(),
};
const callbackOf = deploymentCallback();

export const handler = http(route, async ({ params, event, ctx }) => {
  const now = ctx.clock.now();
  // when the push arrived, for a signature's timestamp window: the wall clock, even where the bank's
  // business clock is set apart from it (the local runtime's fixed or shifted clock), because a
  // replay window is about the transport, and the provider signs with its own real time
  const arrived = new Date();
  const { callback, items: receipts } = await verifiedPush(callbackOf, params.channel, event, arrived, (c) =>
    c.receipts?.bind(c),
  );
  const { results } = await applyDeliveryReceipts(deps, receipts, now);
  const answer = results.some((r) => r.outcome === 'unknown') ? callback.retryLater : callback.accepted;
  return { status: answer.status, body: answer.body };
});
