// DynamoDB adapter for usage marks (table `usage`: staffId, `M#<month>#<day>#<session>`).
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { tableName } from '#shared/adapters/tables.js';
import type { UsageMark } from './session.js';
import type { UsageStore } from './ports.js';

export const dynamoUsageStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): UsageStore => ({
  async mark(mark) {
    await client.send(new PutCommand({ TableName: tableName('usage'), Item: mark }));
  },
  async month(staffId, month) {
    return queryAll<UsageMark>(client, {
      TableName: tableName('usage'),
      KeyConditionExpression: 'staffId = :s AND begins_with(#key, :m)',
      ExpressionAttributeNames: { '#key': 'key' },
      ExpressionAttributeValues: { ':s': staffId, ':m': `M#${month}#` },
    });
  },
});
