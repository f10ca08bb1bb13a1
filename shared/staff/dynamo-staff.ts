// DynamoDB adapter for staff.
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { versionedPut } from '#shared/adapters/audited-write.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Staff } from './staff.js';
import type { StaffStore } from './ports.js';

export const dynamoStaffStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): StaffStore => {
  const table = () => tableName('staff');
  return {
    async get(staffId) {
      const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { staffId } }));
      return Item as Staff | undefined;
    },
    async inOrg(orgId) {
      const items = await queryAll(client, {
        TableName: table(),
        IndexName: 'byOrg',
        KeyConditionExpression: 'orgId = :o',
        ExpressionAttributeValues: { ':o': orgId },
      });
      return items as unknown as Staff[];
    },
    async listInSubtree(orgPath, limit, cursor) {
      // Staff are few (thousands): a filtered scan is cheaper than an index kept for it.
      const items: Staff[] = [];
      let start: Record<string, unknown> | undefined = cursor;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: table(),
            FilterExpression: 'begins_with(orgPath, :p)',
            ExpressionAttributeValues: { ':p': orgPath },
            ExclusiveStartKey: start,
            Limit: limit - items.length + 50,
          }),
        );
        for (const item of (page.Items ?? []) as Staff[]) {
          if (items.length < limit) items.push(item);
        }
        start = page.LastEvaluatedKey;
        if (items.length >= limit) {
          const last = items[items.length - 1]!;
          start = { staffId: last.staffId };
          break;
        }
      } while (start);
      const hasMore = items.length >= limit && start !== undefined;
      return { items, ...(hasMore ? { nextCursor: encodeCursor(start as PageKey) } : {}) };
    },
    put: versionedPut(client, table, 'staffId', 'updatedAt'),
  };
};
