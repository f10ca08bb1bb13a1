import { http } from '#shared/http/http.js';
import { registerPerformance as route } from '#shared/performance/api.js';
import { registerPerformance } from '#shared/performance/register.js';
import { entryView, viewEntry } from '#shared/performance/read.js';
import { dynamoCampaignAttribution } from '#shared/campaigns/deps.js';
import { dynamoLedgerStore } from '#shared/performance/dynamo-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';

const deps = {
  ledger: dynamoLedgerStore(),
  customers: dynamoCustomerStore(),
  staff: dynamoStaffStore(),
  products: dynamoProductStore(),
  // a sale to a customer a campaign reached within its window is linked to it (last touch)
  attribution: dynamoCampaignAttribution(),
};

export const handler = http(route, async ({ body, ctx }) => {
  const { created, entry } = await registerPerformance(deps, ctx, body);
  return {
    status: created ? 201 : 200,
    body: created ? entryView(entry) : await viewEntry(deps.ledger, entry),
    headers: { location: `/v1/performance/${entry.entryId}` },
  };
});
