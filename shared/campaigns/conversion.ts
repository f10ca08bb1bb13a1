// Conversion (营销转化): a performance registration attributed to a campaign (by its window, or
// named by the channel) converts that campaign's message to the customer: the registration joins the
// message's set of conversions, and a reversal takes it out and bars it for good. Set ADD and DELETE
// commute and repeat harmlessly, so a replayed or duplicated stream record, and a reversal that
// arrives before its registration (they are different items, unordered), leave the same set. The
// funnel counts a message as converted while its set is not empty: once per campaign × customer.
import type { LedgerEntry } from '#shared/performance/entry.js';
import type { CampaignMessageStore } from './ports.js';

export type ConversionOutcome = 'converted' | 'not_reached' | 'reversed' | 'none';

export const applyLedgerEntryToFunnel = async (
  campaigns: Pick<CampaignMessageStore, 'markConverted' | 'markReversed'>,
  entry: Pick<LedgerEntry, 'kind' | 'campaignId' | 'customerId' | 'registrationId'>,
): Promise<ConversionOutcome> => {
  if (!entry.campaignId) return 'none';
  if (entry.kind === 'reversal') {
    return (await campaigns.markReversed(entry.campaignId, entry.customerId, entry.registrationId))
      ? 'reversed'
      : 'not_reached';
  }
  return (await campaigns.markConverted(entry.campaignId, entry.customerId, entry.registrationId))
    ? 'converted'
    : 'not_reached';
};
