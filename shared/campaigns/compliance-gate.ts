// The compliance gate (合规闸门) every marketing SMS passes just before it is claimed: the campaign
// still sending, the customer still in scope with a phone, consent on record, the number not opted
// out, inside the send window, under the per-customer frequency caps across all campaigns.
// Pure: everything it judges is handed in. The one-message-per-campaign×customer rule is the send
// record's conditional claim, not a read here.
import { businessDateOf } from '#shared/clock.js';
import type { ConsentStanding } from '#shared/consent/consent.js';
import { inWindow, nextWindowOpening, type SendWindow } from './window.js';

export const SUPPRESSION_REASONS = [
  'customer_missing',
  'out_of_scope',
  'no_phone',
  'no_consent',
  'consent_withdrawn',
  'opted_out',
  'opted_out_at_provider',
  'frequency_cap_daily',
  'frequency_cap_weekly',
  'max_recipients',
  'campaign_ended',
  'campaign_cancelled',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export interface FrequencyCaps {
  perDay: number;
  per7Days: number;
}
export const DEFAULT_CAPS: FrequencyCaps = { perDay: 1, per7Days: 2 };

export const frequencyCaps = (env: NodeJS.ProcessEnv = process.env): FrequencyCaps => ({
  perDay: positive(env.OCRM_SMS_CAP_PER_DAY) ?? DEFAULT_CAPS.perDay,
  per7Days: positive(env.OCRM_SMS_CAP_PER_7_DAYS) ?? DEFAULT_CAPS.per7Days,
});
const positive = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

/** Marketing SMS a customer received, per campaign: the business date it was sent. */
export type RecentSends = Record<string, string>;

const DAY_MS = 86_400_000;
export const daysBefore = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/** Keeps the sends that still count toward a cap (the last 7 business days). */
export const pruneSends = (sends: RecentSends, today: string): RecentSends =>
  Object.fromEntries(Object.entries(sends).filter(([, date]) => date > daysBefore(today, 7)));

export const capReason = (
  sends: RecentSends,
  campaignId: string,
  today: string,
  caps: FrequencyCaps,
): SuppressionReason | undefined => {
  const others = Object.entries(sends).filter(([id]) => id !== campaignId);
  if (others.filter(([, d]) => d === today).length >= caps.perDay) return 'frequency_cap_daily';
  if (others.filter(([, d]) => d > daysBefore(today, 7)).length >= caps.per7Days)
    return 'frequency_cap_weekly';
  return undefined;
};

export interface GateInput {
  now: Date;
  campaign: { campaignId: string; scopeOrgPath: string; endAt: string; window: SendWindow };
  customer: { orgPath: string; phone?: string } | undefined;
  standing: ConsentStanding | undefined;
  sends: RecentSends;
  caps: FrequencyCaps;
}

export type GateDecision =
  { action: 'send' } | { action: 'suppress'; reason: SuppressionReason } | { action: 'wait'; until: Date };

export const judge = (input: GateInput): GateDecision => {
  const { now, campaign, customer, standing } = input;
  if (now.getTime() >= Date.parse(campaign.endAt)) return { action: 'suppress', reason: 'campaign_ended' };
  if (!customer) return { action: 'suppress', reason: 'customer_missing' };
  if (!customer.orgPath.startsWith(campaign.scopeOrgPath))
    return { action: 'suppress', reason: 'out_of_scope' };
  if (!customer.phone) return { action: 'suppress', reason: 'no_phone' };
  const eligibility = consentReason(standing);
  if (eligibility) return { action: 'suppress', reason: eligibility };
  if (!inWindow(now, campaign.window)) {
    const until = nextWindowOpening(now, campaign.window);
    return until.getTime() >= Date.parse(campaign.endAt)
      ? { action: 'suppress', reason: 'campaign_ended' }
      : { action: 'wait', until };
  }
  const cap = capReason(input.sends, campaign.campaignId, businessDateOf(now), input.caps);
  if (cap) return { action: 'suppress', reason: cap };
  return { action: 'send' };
};

/** Consent and opt-out alone (also used when the audience is frozen). */
export const consentReason = (standing: ConsentStanding | undefined): SuppressionReason | undefined => {
  // a refusal of the number first: it also withdraws the consent of every customer holding it
  if (standing?.phoneOptedOut) return 'opted_out';
  if (!standing || standing.consent === 'none') return 'no_consent';
  if (standing.consent === 'withdrawn') return 'consent_withdrawn';
  return undefined;
};
