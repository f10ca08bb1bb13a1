// HTTP contracts for campaigns: create, list, read (with its funnel), preview, lifecycle, messages.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { PageQuery } from '#shared/http/pagination.js';
import { CampaignInput } from './campaign.js';
import { MESSAGE_STATUSES } from './message.js';

const MAKERS = ['marketing', 'branch_manager'] as const;
const Params = z.object({ campaignId: z.string().regex(/^CMP[0-9A-Z]{26}$/, 'is not a campaign id') });

export const CampaignView = z.object({
  campaignId: z.string(),
  name: z.string(),
  status: z.string(),
  scopeOrgId: z.string(),
  makerId: z.string(),
  templateParts: z.number(),
  funnel: z.record(z.string(), z.unknown()).optional(),
});

export const createCampaign = defineRoute({
  method: 'POST',
  path: '/v1/campaigns',
  summary: 'Create a campaign (draft): scope, audience conditions, template, schedule, caps, priority',
  auth: 'jwt',
  roles: MAKERS,
  body: CampaignInput,
  response: CampaignView,
  successStatus: 201,
});

export const listCampaigns = defineRoute({
  method: 'GET',
  path: '/v1/campaigns',
  summary: 'Campaigns in the caller’s scope',
  auth: 'jwt',
  roles: MAKERS,
  query: PageQuery,
  response: z.object({ items: z.array(CampaignView), nextCursor: z.string().optional() }),
});

export const getCampaign = defineRoute({
  method: 'GET',
  path: '/v1/campaigns/{campaignId}',
  summary: 'One campaign with its funnel (audience → suppressed → sent → delivered → converted)',
  auth: 'jwt',
  roles: MAKERS,
  params: Params,
  response: CampaignView,
});

export const previewCampaign = defineRoute({
  method: 'POST',
  path: '/v1/campaigns/{campaignId}/preview',
  summary: 'Audience size, suppressions by reason and a masked sample, without sending',
  auth: 'jwt',
  roles: MAKERS,
  params: Params,
});

const lifecycle = (action: string, summary: string) =>
  defineRoute({
    method: 'POST',
    path: `/v1/campaigns/{campaignId}/${action}`,
    summary,
    auth: 'jwt',
    roles: MAKERS,
    params: Params,
    body: z.strictObject({ note: z.string().trim().max(500).optional() }).optional(),
    response: CampaignView,
  });

export const submitCampaign = lifecycle(
  'submit',
  'The maker submits a draft (or a rejected campaign) for approval',
);
export const approveCampaign = lifecycle(
  'approve',
  'A checker who is not the maker approves; only approved campaigns send',
);
export const rejectCampaign = lifecycle('reject', 'A checker who is not the maker rejects, with a note');
export const pauseCampaign = lifecycle('pause', 'Stop sending until resumed');
export const resumeCampaign = lifecycle('resume', 'Resume a paused campaign');
export const cancelCampaign = lifecycle('cancel', 'Cancel for good; queued messages are suppressed');

export const listCampaignMessages = defineRoute({
  method: 'GET',
  path: '/v1/campaigns/{campaignId}/messages',
  summary: 'Per-customer send records: status and reason',
  auth: 'jwt',
  roles: MAKERS,
  params: Params,
  query: PageQuery.extend({ status: z.enum(MESSAGE_STATUSES).optional() }),
});
