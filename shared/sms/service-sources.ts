// The service SMS sender's and re-sender's sources (functions/sms/service.ts, service-resend.ts):
// the customer's phone, the consent ledger, the deployment's SMS channel, the requests on their
// alerts and the bank's send window.
import { bankSendWindow } from '#shared/campaigns/window.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import { smsProviderOf } from './deps.js';
import { serviceSmsRequestsOn } from './service-requests.js';

export const serviceSmsDeps = () => ({
  customers: dynamoCustomerStore(),
  consent: dynamoConsentStore(),
  sms: smsProviderOf(),
  requests: serviceSmsRequestsOn(dynamoAlertStore()),
  window: bankSendWindow(),
});
