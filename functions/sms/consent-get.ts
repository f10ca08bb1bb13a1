import { http } from '#shared/http/http.js';
import { getSmsConsent as route } from '#shared/consent/api.js';
import { readConsent } from '#shared/consent/ledger.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = { customers: dynamoCustomerStore(), consent: dynamoConsentStore() };

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await readConsent(deps, ctx, params.customerId),
}));
