// The DynamoDB-backed dependencies of the campaign functions, and the dispatch's configuration.
import type { CampaignAttribution } from '#shared/performance/attribution.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';
import type { SmsProvider } from '#shared/sms/provider.js';
import { campaignAttribution } from './attribution.js';
import { dynamoAudienceFacts } from './dynamo-audience-facts.js';
import type { CampaignDeps } from './lifecycle.js';
import type { DispatchDeps } from './dispatch-context.js';
import { dynamoCampaignStore } from './dynamo-campaigns.js';
import { dynamoCampaignMessageStore } from './dynamo-campaign-messages.js';
import { dynamoDispatchCounters } from './dynamo-sms-dispatch.js';

export const dynamoCampaignDeps = (): CampaignDeps => ({
  campaigns: dynamoCampaignStore(),
  messages: dynamoCampaignMessageStore(),
  consent: dynamoConsentStore(),
  customers: dynamoCustomerStore(),
  orgs: dynamoOrgStore(),
  facts: dynamoAudienceFacts(),
  products: dynamoProductStore(),
});

/** The last-touch attribution the performance capability asks of campaigns, on DynamoDB. */
export const dynamoCampaignAttribution = (): CampaignAttribution =>
  campaignAttribution(dynamoCampaignMessageStore());

export const dynamoDispatchDeps = (sms: SmsProvider): DispatchDeps => ({
  ...dynamoCampaignDeps(),
  staff: dynamoStaffStore(),
  counters: dynamoDispatchCounters(),
  sms,
});

const number = (value: string | undefined, fallback: number) =>
  value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback;

/** Dispatch settings from the environment (declared per function). */
export const dispatchSettings = (env: NodeJS.ProcessEnv = process.env) => ({
  workers: number(env.OCRM_SMS_WORKERS, 4),
  pricePerPartFen: number(env.OCRM_SMS_PRICE_FEN_PER_PART, 5),
  monthlyBudgetFen: number(env.OCRM_SMS_MONTHLY_BUDGET_FEN, 50_000_000),
  staleClaimMs: number(env.OCRM_SMS_STALE_CLAIM_SECONDS, 300) * 1000,
  ...(env.OCRM_SMS_SENDER_ID ? { senderId: env.OCRM_SMS_SENDER_ID } : {}),
});
