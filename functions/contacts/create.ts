import { http } from '#shared/http/http.js';
import { postContact as route } from '#shared/contacts/api.js';
import { contactView, logContact } from '#shared/contacts/contact.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoCustomerLogStore } from '#shared/timeline/dynamo-customer-log.js';

const deps = { customers: dynamoCustomerStore(), log: dynamoCustomerLogStore() };

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 201,
  body: contactView(await logContact(deps, ctx, params.customerId, body)),
}));
