import { http } from '#shared/http/http.js';
import { testTriggerRule as route } from '#shared/monitoring/api.js';
import { testRule } from '#shared/monitoring/rule-test.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoMonitoringState } from '#shared/monitoring/dynamo-state.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import { ownBankNames } from '#shared/monitoring/facts.js';
import { tieringAumSource, tieringThresholds } from '#shared/monitoring/tiering-sources.js';

// what the stream reads, read only: nothing here writes
const deps = {
  customers: dynamoCustomerStore(),
  state: dynamoMonitoringState(),
  aum: tieringAumSource(),
  thresholds: tieringThresholds(),
  alerts: dynamoAlertStore(),
  ownBanks: ownBankNames(),
};

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await testRule(deps, ctx, params.ruleId, body),
}));
