// The graph's adapters, built once per container by the handlers that need them.
import { clock } from '#shared/adapters/runtime.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import { ownBankNames } from '#shared/monitoring/facts.js';
import { dynamoGraphStore } from './dynamo-graph.js';
import { dynamoPayerSets } from './dynamo-payers.js';
import { COUNTERPARTY_KEY_ENV } from './counterparty.js';
import { DEFAULT_MANY_TO_ONE, ManyToOneRule } from './many-to-one.js';
import type { GraphStreamDeps } from './on-transaction.js';

const LOCAL_KEY = 'ocrm-local-counterparty-key';

/** The key of counterparty node ids: configured on AWS, fixed locally so a kept graph survives restarts. */
export const counterpartyKey = (env: NodeJS.ProcessEnv = process.env): string => {
  const configured = env[COUNTERPARTY_KEY_ENV];
  if (configured) return configured;
  if (env.OCRM_DYNAMODB_ENDPOINT) return LOCAL_KEY;
  throw new Error(`${COUNTERPARTY_KEY_ENV} is not set: counterparty ids need this deployment's key`);
};

/** The many-to-one thresholds: the defaults, or `OCRM_GRAPH_MANY_TO_ONE` (JSON, any of the rule's fields). */
export const manyToOneRule = (env: NodeJS.ProcessEnv = process.env): ManyToOneRule =>
  env.OCRM_GRAPH_MANY_TO_ONE
    ? ManyToOneRule.parse(JSON.parse(env.OCRM_GRAPH_MANY_TO_ONE))
    : DEFAULT_MANY_TO_ONE;

export const dynamoGraphDeps = (): GraphStreamDeps => ({
  graph: dynamoGraphStore(),
  counterpartyKey: counterpartyKey(),
  payers: dynamoPayerSets(),
  customers: dynamoCustomerStore(),
  alerts: dynamoAlertStore(),
  clock,
  ownBanks: ownBankNames(),
  manyToOne: manyToOneRule(),
});
