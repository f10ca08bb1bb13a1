// DynamoDB adapter for service SMS requests: the `sms` map of an alert item (alerts table), moved
// from state to state with conditional updates, so a replayed stream record sends nothing twice.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { ServiceSmsRequests } from './ports.js';

export const dynamoServiceSmsRequests = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): ServiceSmsRequests => {
  const table = tableName('alerts');
  const move = async (alertId: string, from: string, fields: Record<string, unknown>) => {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    try {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { alertId },
          UpdateExpression: `SET ${entries.map((_, i) => `sms.#f${i} = :f${i}`).join(', ')}`,
          ConditionExpression: 'sms.#status = :from',
          ExpressionAttributeNames: {
            '#status': 'status',
            ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
          },
          ExpressionAttributeValues: {
            ':from': from,
            ...Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  return {
    claim: (alertId, at) => move(alertId, 'requested', { status: 'sending', claimedAt: at }),
    settle: (alertId, from, outcome) => move(alertId, from, { ...outcome }),
  };
};
