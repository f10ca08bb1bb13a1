import { http } from '#shared/http/http.js';
import { registerPerformance as route } from '#shared/performance/api.js';
import { registerPerformance } from '#shared/performance/register.js';
import { entryView, viewEntry } from '#shared/performance/read.js';
import { dynamoLedgerStore } from '#shared/performance/ledger-store.js';
import { noCampaignAttribution } from '#shared/performance/attribution.js';
import { dynamoCustomerStore } from '#shared/customers/store.js';
import { dynamoStaffStore } from '#shared/staff/store.js';
import { dynamoProductStore } from '#shared/products/store.js';

const deps = {
  ledger: dynamoLedgerStore(),
  customers: dynamoCustomerStore(),
  staff: dynamoStaffStore(),
  products: dynamoProductStore(),
  // campaigns are not built yet: nothing is attributed by window (see attribution.ts)
  attribution: noCampaignAttribution,
};

export const handler = http(route, async ({ body, ctx }) => {
  const { created, entry } = await registerPerformance(deps, ctx, body);
  return {
    status: created ? 201 : 200,
    body: created ? entryView(entry) : await viewEntry(deps.ledger, entry),
    headers: { location: `/v1/performance/${entry.entryId}` },
  };
});
