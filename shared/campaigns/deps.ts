// The DynamoDB-backed dependencies of the campaign functions, and the dispatch's configuration.
import { dynamoCustomerStore } from '#shared/customers/store.js';
import { dynamoOrgStore } from '#shared/org/store.js';
import { dynamoStaffStore } from '#shared/staff/store.js';
import { dynamoConsentStore } from '#shared/consent/store.js';
import { dynamoProductStore } from '#shared/products/store.js';
import type { SmsProvider } from '#shared/sms/provider.js';
import { dynamoAudienceFacts } from './facts-store.js';
import type { CampaignDeps } from './lifecycle.js';
import type { DispatchDeps } from './dispatch-context.js';
import { dynamoCampaignStore } from './store.js';

export const dynamoCampaignDeps = (): CampaignDeps => ({
  campaigns: dynamoCampaignStore(),
  consent: dynamoConsentStore(),
  customers: dynamoCustomerStore(),
  orgs: dynamoOrgStore(),
  facts: dynamoAudienceFacts(),
  products: dynamoProductStore(),
});

export const dynamoDispatchDeps = (sms: SmsProvider): DispatchDeps => ({
  ...dynamoCampaignDeps(),
  staff: dynamoStaffStore(),
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
