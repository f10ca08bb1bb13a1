import { http } from '#shared/http/http.js';
import { previewAudience as route } from '#shared/campaigns/api.js';
import { previewAudience } from '#shared/campaigns/lifecycle.js';
import { dispatchSettings, dynamoCampaignDeps } from '#shared/campaigns/deps.js';

const deps = dynamoCampaignDeps();
const { pricePerPartFen } = dispatchSettings();

export const handler = http(route, async ({ body, ctx }) => ({
  status: 200,
  body: await previewAudience(deps, ctx, body, pricePerPartFen),
}));
