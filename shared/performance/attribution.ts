// Campaign attribution (营销活动归因): a sale to a customer a campaign reached within its attribution
// window is linked to that campaign, which feeds the campaign funnel. Campaigns are another
// capability, not built yet, so this is the port registration calls and a no-op adapter that
// attributes nothing. The campaigns capability supplies the real adapter (reached customers ×
// window, read from its own tables); a channel that knows the campaign names it in `campaignId`.
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
