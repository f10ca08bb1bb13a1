// The graph's adapters, built once per container by the handlers that need them.
import { dynamoGraphStore } from './dynamo-graph.js';
import type { GraphDeps } from './record.js';
import { COUNTERPARTY_KEY_ENV } from './counterparty.js';
const LOCAL_KEY = 'ocrm-local-counterparty-key';

/** The key of counterparty node ids: configured on AWS, fixed locally so a kept graph survives restarts. */
export const counterpartyKey = (env: NodeJS.ProcessEnv = process.env): string => {
  const configured = env[COUNTERPARTY_KEY_ENV];
  if (configured) return configured;
  if (env.OCRM_DYNAMODB_ENDPOINT) return LOCAL_KEY;
  throw new Error(`${COUNTERPARTY_KEY_ENV} is not set: counterparty ids need this deployment's key`);
};

export const dynamoGraphDeps = (): GraphDeps => ({
  graph: dynamoGraphStore(),
  counterpartyKey: counterpartyKey(),
});
