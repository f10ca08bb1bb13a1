// The campaigns capability's answer to the performance port `CampaignAttribution`: a sale is
// attributed to the campaign whose message reached the customer most recently before it, within
// that campaign's attribution window (last touch). One Query of the sparse byCustomer index of
// send records, bounded by the longest window, so it costs what the customer received, nothing more.
import type { CampaignAttribution } from '#shared/performance/attribution.js';
import { MAX_ATTRIBUTION_DAYS } from './campaign.js';
import type { CampaignMessageStore } from './ports.js';

const DAY_MS = 86_400_000;

export const campaignAttribution = (messages: Pick<CampaignMessageStore, 'sentTo'>): CampaignAttribution => ({
  async attribute(sale) {
    const at = new Date(sale.occurredAt);
    const from = new Date(at.getTime() - MAX_ATTRIBUTION_DAYS * DAY_MS).toISOString();
    const reached = await messages.sentTo(sale.customerId, from, at.toISOString());
    const touch = reached.find(
      (m) =>
        (m.status === 'sent' || m.status === 'delivered') &&
        m.attributeUntil !== undefined &&
        m.attributeUntil >= at.toISOString(),
    );
    return touch ? { campaignId: touch.campaignId } : undefined;
  },
});
