import { http } from '#shared/http/http.js';
import { clock } from '#shared/adapters/runtime.js';
import { getCustomer as route } from '#shared/customers/api.js';
import { readCustomer360 } from '#shared/customers/read.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoCustomer360Sources } from '#shared/customers/customer-360-sources.js';
import { dynamoAuditLog } from '#shared/audit/dynamo-audit-log.js';

const customers = dynamoCustomerStore();
const deps = { customers, audit: dynamoAuditLog(), sources: dynamoCustomer360Sources(customers, clock) };

export const handler = http(route, async ({ params, query, ctx }) => {
  const reveal = query.reveal && query.purpose ? { fields: query.reveal, purpose: query.purpose } : undefined;
  return { status: 200, body: await readCustomer360(deps, ctx, params.customerId, reveal) };
});
