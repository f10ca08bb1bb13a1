import { http } from '#shared/http/http.js';
import { listCampaignMessages as route } from '#shared/campaigns/api.js';
import { getVisibleCampaign } from '#shared/campaigns/lifecycle.js';
import { dynamoCampaignStore } from '#shared/campaigns/dynamo-campaigns.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';

const campaigns = dynamoCampaignStore();
const messages = dynamoCampaignMessageStore();

export const handler = http(route, async ({ params, query, ctx }) => {
  await getVisibleCampaign(campaigns, ctx, params.campaignId);
  const page = await messages.messages(params.campaignId, query.status, query.limit, query.cursor);
  // the send record's internals (queue key, attempt id) stay inside
  const items = page.items.map(
    ({ queue: _q, attemptId: _a, reversedRegistrations: _r, conversions, ...message }) => ({
      ...message,
      ...(conversions?.size ? { conversions: [...conversions].sort() } : {}),
    }),
  );
  return { status: 200, body: { ...page, items } };
});
