// DynamoDB adapter of the customer log (客户日志): one Query per page, newest first.
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { putWithAudit } from '#shared/adapters/audited-write.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { CustomerLogStore, LogEntry } from './customer-log.js';

export const dynamoCustomerLogStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CustomerLogStore => {
  const table = () => tableName('customer-log');
  return {
    addWithAudit: (entry, audit) =>
      putWithAudit(
        client,
        { table: table(), item: { ...entry }, condition: 'attribute_not_exists(entryId)' },
        audit,
      ),
    async put(entry) {
      await client.send(new PutCommand({ TableName: table(), Item: entry }));
    },
    async list(customerId, limit, cursor, kind) {
      const page = await client.send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'customerId = :c',
          ...(kind
            ? {
                FilterExpression: '#kind = :kind',
                ExpressionAttributeNames: { '#kind': 'kind' },
                ExpressionAttributeValues: { ':c': customerId, ':kind': kind },
              }
            : { ExpressionAttributeValues: { ':c': customerId } }),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      const last = page.LastEvaluatedKey as PageKey | undefined;
      return {
        items: (page.Items ?? []) as LogEntry[],
        ...(last ? { nextCursor: encodeCursor(last), lastKey: last } : {}),
      };
    },
  };
};
