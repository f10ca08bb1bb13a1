// DynamoDB adapter for allocations: by id, pending ones in a subtree (byStatus), each write audited.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { createOrReplace } from '#shared/adapters/audited-write.js';
import { batchGetAll } from '#shared/adapters/batch.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Allocation } from './allocation.js';
import type { AllocationStore, BalanceReader } from './ports.js';

export const dynamoAllocationStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): AllocationStore => {
  const table = () => tableName('allocations');
  return {
    async get(allocationId) {
      const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { allocationId } }));
      return Item as Allocation | undefined;
    },
    put: (allocation, audit, expectedVersion) =>
      createOrReplace(
        client,
        table(),
        'allocationId',
        allocation as unknown as Record<string, unknown>,
        audit,
        expectedVersion === undefined ? undefined : { attribute: 'version', value: expectedVersion },
      ),
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

/** Each customer's weighted balance from tiering's standing (tier-state STATE.outlook), where there is one. */
export const dynamoBalanceReader = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): BalanceReader => {
  return async (customerIds) => {
    const out = new Map<string, number>();
    const keys = customerIds.map((customerId) => ({ customerId, key: 'STATE' }));
    const items = await batchGetAll(client, tableName('tier-state'), keys, {
      projection: 'customerId, outlook',
    });
    for (const item of items) {
      const balance = (item.outlook as { balanceFen?: unknown } | undefined)?.balanceFen;
      if (typeof balance === 'number') out.set(String(item.customerId), balance);
    }
    return out;
  };
};
