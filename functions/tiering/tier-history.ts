import { http } from '#shared/http/http.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { getTierHistory as route } from '#shared/tiering/api.js';
import { readTierHistory } from '#shared/tiering/read.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';

const deps = { customers: dynamoCustomerStore(), tiers: dynamoTierStore() };

export const handler = http(route, async ({ params, query, ctx }) => ({
  status: 200,
  body: await readTierHistory(deps, ctx, params.customerId, query.limit, query.cursor),
}));
