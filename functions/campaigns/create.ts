import { http } from '#shared/http/http.js';
import { createCampaign as route } from '#shared/campaigns/api.js';
import { createCampaign } from '#shared/campaigns/lifecycle.js';
import { dynamoCampaignDeps } from '#shared/campaigns/deps.js';

const deps = dynamoCampaignDeps();

export const handler = http(route, async ({ body, ctx }) => {
  const campaign = await createCampaign(deps, ctx, body);
  return { status: 201, body: campaign, headers: { location: `/v1/campaigns/${campaign.campaignId}` } };
});
