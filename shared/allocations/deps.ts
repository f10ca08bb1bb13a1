// The allocations capability's adapters wired into its ports (a composition root).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { dynamoMaturityStore } from '#shared/maturities/dynamo-maturities.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import { handover } from './handover.js';
import type { Handover } from './ports.js';

export const dynamoHandover = (client: DynamoDBDocumentClient = dynamoDocumentClient()): Handover =>
  handover(dynamoAlertStore(client), dynamoMaturityStore(client));
