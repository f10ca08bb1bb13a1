import { http } from '#shared/http/http.js';
import { getCampaign as route } from '#shared/campaigns/api.js';
import { campaignFunnel, getVisibleCampaign } from '#shared/campaigns/lifecycle.js';
import { dynamoCampaignStore } from '#shared/campaigns/dynamo-campaigns.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';

const campaigns = dynamoCampaignStore();
const messages = dynamoCampaignMessageStore();

export const handler = http(route, async ({ params, ctx }) => {
  const campaign = await getVisibleCampaign(campaigns, ctx, params.campaignId);
  return { status: 200, body: { ...campaign, funnel: await campaignFunnel(messages, campaign) } };
});
