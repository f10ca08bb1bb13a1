import { http } from '#shared/http/http.js';
import { getCampaignFunnelReport as route } from '#shared/reports/api.js';
import { campaignFunnelReport } from '#shared/reports/campaign-funnel.js';
import { reportReply } from '#shared/reports/reply.js';
import { dynamoCampaignStore } from '#shared/campaigns/dynamo-campaigns.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { campaignFunnel } from '#shared/campaigns/lifecycle.js';
import { periodOr } from './deps.js';

const campaigns = dynamoCampaignStore();
const messages = dynamoCampaignMessageStore();
const deps = {
  orgs: dynamoOrgStore(),
  campaigns: campaigns.listInScope.bind(campaigns),
  funnel: (campaign: Parameters<typeof campaignFunnel>[1]) => campaignFunnel(messages, campaign),
};

export const handler = http(route, async ({ query, ctx }) =>
  reportReply(
    await campaignFunnelReport(deps, ctx.caller, {
      orgId: query.orgId,
      period: periodOr(query.period, ctx.clock),
    }),
    query.format,
  ),
);
