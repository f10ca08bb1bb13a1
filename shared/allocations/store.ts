// DynamoDB adapter for allocations: by id, pending ones in a subtree (byStatus), each write audited.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { createOrReplace } from '#shared/adapters/audited-write.js';
import { batchGetAll } from '#shared/adapters/batch.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import { encodeCursor, type Page, type PageKey } from '#shared/http/pagination.js';
import type { Allocation, AllocationStatus } from './allocation.js';

export interface AllocationStore {
  get(allocationId: string): Promise<Allocation | undefined>;
  /** Creates (no expectedVersion) or replaces the version read; false on a lost race. */
  put(allocation: Allocation, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
  listByStatus(
    status: AllocationStatus,
    scopePath: string,
    limit: number,
    cursor?: PageKey,
  ): Promise<Page<Allocation>>;
}

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
export const dynamoBalanceReader = (client: DynamoDBDocumentClient = dynamoDocumentClient()) => {
  return async (customerIds: readonly string[]): Promise<Map<string, number>> => {
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
export type BalanceReader = ReturnType<typeof dynamoBalanceReader>;
