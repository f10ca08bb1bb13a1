import { http } from '#shared/http/http.js';
import { putSmsConsent as route } from '#shared/consent/api.js';
import { recordConsent } from '#shared/consent/ledger.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';

const deps = { customers: dynamoCustomerStore(), consent: dynamoConsentStore() };

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await recordConsent(deps, ctx, params.customerId, body),
}));
