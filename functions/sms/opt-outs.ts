import { http } from '#shared/http/http.js';
import { postOptOut as route } from '#shared/consent/api.js';
import { recordStaffOptOut } from '#shared/consent/ledger.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = { customers: dynamoCustomerStore(), consent: dynamoConsentStore() };

export const handler = http(route, async ({ body, ctx }) => ({
  status: 201,
  body: await recordStaffOptOut(deps, ctx, body),
}));
