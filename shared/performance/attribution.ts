// Campaign attribution (营销活动归因): a sale to a customer a campaign reached within its attribution
// window is linked to that campaign, which feeds the campaign funnel. This is the port registration
// calls; the campaigns capability supplies the adapter (shared/campaigns/attribution.ts: the
// customer's send records × each campaign's window, last touch), and its ledger-stream consumer
// counts the conversion once. A channel that knows the campaign names it in `campaignId`.
// `noCampaignAttribution` attributes nothing (tests, and functions that do not register).
import type { ProductCategory } from '#shared/products/product.js';

export interface SaleToAttribute {
  customerId: string;
  productId: string;
  category: ProductCategory;
  /** When the sale happened (ISO 8601 UTC). */
  occurredAt: string;
}

export interface CampaignAttribution {
  /** The campaign that reached this customer within its attribution window before the sale, if any. */
  attribute(sale: SaleToAttribute): Promise<{ campaignId: string } | undefined>;
}

export const noCampaignAttribution: CampaignAttribution = {
  attribute: async () => undefined,
};
