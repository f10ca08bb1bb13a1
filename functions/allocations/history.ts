import { http } from '#shared/http/http.js';
import { customerAllocations as route } from '#shared/allocations/api.js';
import { customerAllocationHistory } from '#shared/allocations/allocate.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoCustomerLogStore } from '#shared/timeline/dynamo-customer-log.js';

const deps = { customers: dynamoCustomerStore(), log: dynamoCustomerLogStore() };

export const handler = http(route, async ({ params, query, ctx }) => ({
  status: 200,
  body: await customerAllocationHistory(deps, ctx, params.customerId, query),
}));
