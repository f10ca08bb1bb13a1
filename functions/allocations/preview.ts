import { http } from '#shared/http/http.js';
import { previewAllocation as route } from '#shared/allocations/api.js';
import { previewAllocation } from '#shared/allocations/preview.js';
import { dynamoBalanceReader, dynamoHandover } from '#shared/allocations/deps.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';

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
