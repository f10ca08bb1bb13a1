import { http } from '#shared/http/http.js';
import { updateCustomer as route } from '#shared/customers/api.js';
import { updateCustomer } from '#shared/customers/update.js';
import { customerView } from '#shared/customers/view.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';

const deps = { customers: dynamoCustomerStore(), orgs: dynamoOrgStore(), staff: dynamoStaffStore() };

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: customerView(await updateCustomer(deps, ctx, params.customerId, body)),
}));
