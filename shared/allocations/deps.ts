// The allocations capability's adapters wired into its ports (a composition root).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { dynamoMaturityStore } from '#shared/maturities/dynamo-maturities.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import { handover } from './handover.js';
import type { BalanceReader, Handover } from './ports.js';

export const dynamoHandover = (client: DynamoDBDocumentClient = dynamoDocumentClient()): Handover =>
  handover(dynamoAlertStore(client), dynamoMaturityStore(client));

/** Each customer's weighted balance, from tiering's standing (its outlook), where there is one. */
export const dynamoBalanceReader = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): BalanceReader => {
  const tiers = dynamoTierStore(client);
  return (customerIds) => tiers.balances(customerIds);
};
