// The monitoring capability's adapters, built once per container by the handlers that need them.
import { clock } from '#shared/adapters/runtime.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { ownBankNames } from './facts.js';
import type { CustomerBatchDeps } from './process-customer.js';
import { dynamoAlertStore } from './dynamo-alerts.js';
import { dynamoMonitoringState } from './dynamo-state.js';
import { dynamoRuleStore } from './dynamo-rules.js';
import { cachedRuleSet } from './rule-set.js';
import { tieringAumSource, tieringThresholds } from './tiering-sources.js';

export const dynamoMonitoringDeps = (): CustomerBatchDeps => ({
  customers: dynamoCustomerStore(),
  rules: cachedRuleSet(dynamoRuleStore()),
  state: dynamoMonitoringState(),
  aum: tieringAumSource(),
  thresholds: tieringThresholds(),
  alerts: dynamoAlertStore(),
  clock,
  ownBanks: ownBankNames(),
});
