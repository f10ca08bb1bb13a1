// DynamoDB adapter for usage marks (table `usage`: staffId, `M#<month>#<day>#<session>`).
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { UsageMark } from './session.js';

export interface UsageStore {
  /** An idempotent overwrite: the same mark again changes nothing. */
  mark(mark: UsageMark): Promise<void>;
  month(staffId: string, month: string): Promise<UsageMark[]>;
}

export const dynamoUsageStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): UsageStore => ({
  async mark(mark) {
    await client.send(new PutCommand({ TableName: tableName('usage'), Item: mark }));
  },
  async month(staffId, month) {
    const marks: UsageMark[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName('usage'),
          KeyConditionExpression: 'staffId = :s AND begins_with(#key, :m)',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: { ':s': staffId, ':m': `M#${month}#` },
          ExclusiveStartKey: start,
        }),
      );
      marks.push(...((page.Items ?? []) as UsageMark[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return marks;
  },
});
