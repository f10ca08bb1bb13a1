import { http } from '#shared/http/http.js';
import { getCampaign as route } from '#shared/campaigns/api.js';
import { campaignFunnel, getVisibleCampaign } from '#shared/campaigns/lifecycle.js';
import { dynamoCampaignStore } from '#shared/campaigns/store.js';

const campaigns = dynamoCampaignStore();

export const handler = http(route, async ({ params, ctx }) => {
  const campaign = await getVisibleCampaign(campaigns, ctx, params.campaignId);
  return { status: 200, body: { ...campaign, funnel: await campaignFunnel(campaigns, campaign) } };
});
