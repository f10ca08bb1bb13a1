import { http } from '#shared/http/http.js';
import { listCustomers as route } from '#shared/customers/api.js';
import { listCustomers } from '#shared/customers/read.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';

const deps = { customers: dynamoCustomerStore(), orgs: dynamoOrgStore() };

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await listCustomers(deps, ctx, query),
}));
