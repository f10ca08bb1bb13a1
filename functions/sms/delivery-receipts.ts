// Delivery receipts from the SMS provider → the send records (delivered / failed with the reason).
// An `unknown` outcome is a receipt that overtook the send's own record: the caller sends it again.
import { http } from '#shared/http/http.js';
import { postDeliveryReceipts as route } from '#shared/sms/api.js';
import { receiptOfSnsDeliveryStatus } from '#shared/sms/receipts-from-sns.js';
import { applyDeliveryReceipts } from '#shared/campaigns/delivery.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = {
  messages: dynamoCampaignMessageStore(),
  customers: dynamoCustomerStore(),
  consent: dynamoConsentStore(),
};

export const handler = http(route, async ({ body, ctx }) => {
  const receipts = body.receipts ?? (body.snsDeliveryStatus ?? []).map(receiptOfSnsDeliveryStatus);
  return { status: 200, body: await applyDeliveryReceipts(deps, receipts, ctx.clock.now()) };
});
