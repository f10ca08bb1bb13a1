import { http } from '#shared/http/http.js';
import { previewCampaign as route } from '#shared/campaigns/api.js';
import { previewCampaign } from '#shared/campaigns/lifecycle.js';
import { dispatchSettings, dynamoCampaignDeps } from '#shared/campaigns/deps.js';

const deps = dynamoCampaignDeps();
const { pricePerPartFen } = dispatchSettings();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await previewCampaign(deps, ctx, params.campaignId, pricePerPartFen),
}));
