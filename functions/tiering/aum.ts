import { http } from '#shared/http/http.js';
import { clock } from '#shared/adapters/runtime.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { getCustomerAum as route } from '#shared/tiering/api.js';
import { readCustomerAum } from '#shared/tiering/read.js';
import { dynamoCounterStore } from '#shared/tiering/dynamo-counters.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import { cachedPolicyStore } from '#shared/tiering/policy-cache.js';
import { dynamoPolicyStore } from '#shared/tiering/dynamo-policy.js';

const deps = {
  customers: dynamoCustomerStore(),
  counters: dynamoCounterStore(),
  tiers: dynamoTierStore(),
  policies: cachedPolicyStore(dynamoPolicyStore()),
  clock,
};

export const handler = http(route, async ({ params, query, ctx }) => ({
  status: 200,
  body: await readCustomerAum(deps, ctx, params.customerId, query.months),
}));
