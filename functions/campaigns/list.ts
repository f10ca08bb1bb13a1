import { http } from '#shared/http/http.js';
import { listCampaigns as route } from '#shared/campaigns/api.js';
import { listCampaigns } from '#shared/campaigns/lifecycle.js';
import { dynamoCampaignStore } from '#shared/campaigns/dynamo-campaigns.js';

const deps = { campaigns: dynamoCampaignStore() };

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await listCampaigns(deps, ctx, query),
}));
