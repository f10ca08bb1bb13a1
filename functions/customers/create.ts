import { http } from '#shared/http/http.js';
import { createCustomer as route } from '#shared/customers/api.js';
import { createCustomer } from '#shared/customers/create.js';
import { customerView } from '#shared/customers/view.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';

const deps = { customers: dynamoCustomerStore(), orgs: dynamoOrgStore(), staff: dynamoStaffStore() };

export const handler = http(route, async ({ body, ctx, headers }) => {
  const { created, customer } = await createCustomer(deps, ctx, body, headers['idempotency-key']);
  return {
    status: created ? 201 : 200,
    body: customerView(customer),
    headers: { location: `/v1/customers/${customer.customerId}` },
  };
});
