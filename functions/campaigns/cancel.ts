import { http } from '#shared/http/http.js';
import { cancelCampaign as route } from '#shared/campaigns/api.js';
import { transitionCampaign } from '#shared/campaigns/lifecycle.js';
import { dynamoCampaignStore } from '#shared/campaigns/dynamo-campaigns.js';

const deps = { campaigns: dynamoCampaignStore() };

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await transitionCampaign(deps, ctx, params.campaignId, 'cancel', body?.note),
}));
