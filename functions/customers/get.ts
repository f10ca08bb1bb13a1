import { http } from '#shared/http/http.js';
import { getCustomer as route } from '#shared/customers/api.js';
import { readCustomer } from '#shared/customers/read.js';
import { dynamoCustomerStore } from '#shared/customers/store.js';
import { dynamoAuditLog } from '#shared/audit/store.js';

const deps = { customers: dynamoCustomerStore(), audit: dynamoAuditLog() };

export const handler = http(route, async ({ params, query, ctx }) => {
  const reveal = query.reveal && query.purpose ? { fields: query.reveal, purpose: query.purpose } : undefined;
  return { status: 200, body: await readCustomer(deps, ctx, params.customerId, reveal) };
});
