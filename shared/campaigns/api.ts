// HTTP contracts for campaigns: create, list, read (with its funnel), preview, lifecycle, messages.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { Audience, CAMPAIGN_STATUSES, CampaignInput, Caps } from './campaign.js';
import { MESSAGE_STATUSES } from './message.js';

const MAKERS = ['marketing', 'branch_manager'] as const;
const Params = z.object({ campaignId: z.string().regex(/^CMP[0-9A-Z]{26}$/, 'is not a campaign id') });

const Decision = z.object({ by: z.string(), at: z.string(), note: z.string().optional() });

/** The campaign's own funnel: every send record has one status; `sent` and `converted` are marks on top. */
export const CampaignFunnel = z.object({
  audience: z.number(),
  queued: z.number(),
  suppressed: z.number(),
  sent: z.number(),
  delivered: z.number(),
  failed: z.number(),
  converted: z.number(),
  /** suppressed and failed records by reason */
  reasons: z.record(z.string(), z.number()),
});

/** A campaign as stored: what the maker wrote (the input, defaults applied) and its lifecycle. */
export const CampaignView = CampaignInput.extend({
  campaignId: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  scopeOrgPath: z.string(),
  makerId: z.string(),
  templateParts: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  submittedAt: z.string().optional(),
  approval: Decision.optional(),
  rejection: Decision.optional(),
  cancelled: Decision.optional(),
  startedAt: z.string().optional(),
  pausedFrom: z.enum(['approved', 'running']).optional(),
  completedAt: z.string().optional(),
  audienceSize: z.number().optional(),
  /** GET of one campaign only */
  funnel: CampaignFunnel.optional(),
});

/** What a send would reach now: size, suppressions by reason, a masked sample, the expected cost. */
export const CampaignPreview = z.object({
  campaignId: z.string().optional(),
  size: z.number(),
  /** would be sent: not suppressed, within the recipient cap */
  eligible: z.number(),
  suppressed: z.record(z.string(), z.number()),
  templateParts: z.number(),
  readFrom: z.enum(['customers', 'managers', 'open_alerts', 'subtrees']),
  sample: z.array(
    z.object({
      customerId: z.string(),
      name: z.string().describe('masked: the family name and stars'),
      phone: z.string().optional().describe('masked'),
      included: z.string(),
    }),
  ),
  /** the SMS price per billed part (fen), as the dispatcher charges it (OCRM_SMS_PRICE_FEN_PER_PART) */
  pricePerPartFen: z.number(),
  /** eligible × templateParts × pricePerPartFen */
  estimatedCostFen: z.number(),
});

/** The audience of a campaign not yet saved: the builder's live preview. */
export const AudiencePreviewBody = z.strictObject({
  scopeOrgId: CampaignInput.shape.scopeOrgId,
  audience: Audience,
  caps: Caps.default({}),
  /** when given, the estimate counts its parts (with typical placeholder values) */
  template: z.strictObject({ text: z.string().min(1).max(1000) }).optional(),
});
export type AudiencePreviewBody = z.infer<typeof AudiencePreviewBody>;

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
  summary: 'Campaigns in the caller’s scope, of one status when `status` is given',
  auth: 'jwt',
  roles: MAKERS,
  query: PageQuery.extend({ status: z.enum(CAMPAIGN_STATUSES).optional() }),
  response: pageOf(CampaignView),
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
  summary:
    'Audience size, suppressions by reason, a masked sample and the expected send count and cost, without sending',
  auth: 'jwt',
  roles: MAKERS,
  params: Params,
  response: CampaignPreview,
});

export const previewAudience = defineRoute({
  method: 'POST',
  path: '/v1/campaigns/audience-preview',
  summary:
    'The builder’s live preview: the audience of conditions not yet saved (size, suppressions, masked sample, cost); saves nothing',
  auth: 'jwt',
  roles: MAKERS,
  body: AudiencePreviewBody,
  response: CampaignPreview,
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

/** A campaign in a list of others (a workbench task, a report line): who it is for and when it runs. */
export const CampaignSummary = z.object({
  campaignId: z.string(),
  name: z.string(),
  scopeOrgId: z.string(),
  status: z.string(),
  startAt: z.string(),
  endAt: z.string(),
});

/** A send record as the API shows it: without its queue key, attempt id and reversed registrations. */
export const CampaignMessageView = z.object({
  campaignId: z.string(),
  customerId: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  /** why the customer is in the audience */
  included: z.string(),
  reason: z.string().optional().describe('why suppressed or failed'),
  detail: z.string().optional(),
  idempotencyKey: z.string(),
  notBefore: z.string().optional(),
  attempts: z.number().int(),
  claimedAt: z.string().optional(),
  sentAt: z.string().optional(),
  attributeUntil: z.string().optional(),
  providerMessageId: z.string().optional(),
  deliveredAt: z.string().optional(),
  /** the attributed registrations not reversed (营销转化), when any */
  conversions: z.array(z.string()).optional(),
  parts: z.number().int().optional(),
  costFen: z.number().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listCampaignMessages = defineRoute({
  method: 'GET',
  path: '/v1/campaigns/{campaignId}/messages',
  summary: 'Per-customer send records: status and reason',
  auth: 'jwt',
  roles: MAKERS,
  params: Params,
  query: PageQuery.extend({ status: z.enum(MESSAGE_STATUSES).optional() }),
  response: pageOf(CampaignMessageView),
});
