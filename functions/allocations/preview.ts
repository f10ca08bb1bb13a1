import { http } from '#shared/http/http.js';
import { previewAllocation as route } from '#shared/allocations/api.js';
import { previewAllocation } from '#shared/allocations/preview.js';
import { dynamoBalanceReader } from '#shared/allocations/dynamo-allocations.js';
import { dynamoHandover } from '#shared/allocations/deps.js';
import { dynamoCustomerStore } from '#shared/customers/store.js';
import { dynamoOrgStore } from '#shared/org/store.js';
import { dynamoStaffStore } from '#shared/staff/store.js';

const deps = {
  customers: dynamoCustomerStore(),
  orgs: dynamoOrgStore(),
  staff: dynamoStaffStore(),
  balances: dynamoBalanceReader(),
  handover: dynamoHandover(),
};

export const handler = http(route, async ({ body, ctx }) => ({
  status: 200,
  body: await previewAllocation(deps, ctx, body),
}));
