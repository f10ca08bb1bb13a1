// DynamoDB adapter for allocations: by id, pending ones in a subtree (byStatus), each write audited.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { versionedPut } from '#shared/adapters/audited-write.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Allocation } from './allocation.js';
import type { AllocationStore } from './ports.js';

export const dynamoAllocationStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): AllocationStore => {
  const table = () => tableName('allocations');
  return {
    async get(allocationId) {
      const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { allocationId } }));
      return Item as Allocation | undefined;
    },
    put: versionedPut(client, table, 'allocationId', 'version'),
    async listByStatus(status, scopePath, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'byStatus',
          KeyConditionExpression: '#status = :s AND begins_with(scopeKey, :p)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':s': status, ':p': scopePath },
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return {
        items: (page.Items ?? []) as Allocation[],
        ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey as PageKey) } : {}),
      };
    },
  };
};
