// The campaign screens' request and response types, from the zod contracts (types only: nothing of
// the server is bundled).
import type * as z from 'zod';
import type {
  AudiencePreviewBody,
  CampaignFunnel,
  CampaignPreview,
  CampaignView,
} from '#shared/campaigns/api.js';
import type { Audience as AudienceSchema, CampaignInput } from '#shared/campaigns/campaign.js';

export type Campaign = z.output<typeof CampaignView>;
export type CampaignStatus = Campaign['status'];
export type Funnel = z.output<typeof CampaignFunnel>;
export type Preview = z.output<typeof CampaignPreview>;
export type NewCampaign = z.input<typeof CampaignInput>;
export type AudiencePreview = z.input<typeof AudiencePreviewBody>;
export type Audience = z.input<typeof AudienceSchema>;
export type { LifecycleAction } from '#shared/campaigns/status.js';
export type { Tier } from '#shared/customers/customer.js';
export type { AssetClass } from '#shared/transactions/transaction.js';
