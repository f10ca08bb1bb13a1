// DynamoDB adapter for the campaigns table: the campaign items, written with their audit entries.
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#shared/adapters/query-all.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { versionedPut } from '#shared/adapters/audited-write.js';
import type { TransactItems } from '#shared/adapters/transact.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Campaign } from './campaign.js';
import type { CampaignStore } from './ports.js';

/** A transaction's check that the campaign still sends (the claim's last look). */
export const campaignStillRunning = (campaignId: string): TransactItems[number] => ({
  ConditionCheck: {
    TableName: tableName('campaigns'),
    Key: { campaignId },
    ConditionExpression: '#status = :running',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':running': 'running' },
  },
});

export const dynamoCampaignStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): CampaignStore => {
  const campaigns = () => tableName('campaigns');
  return {
    async get(campaignId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: campaigns(), Key: { campaignId }, ConsistentRead: true }),
      );
      return Item as Campaign | undefined;
    },
    put: versionedPut(client, campaigns, 'campaignId', 'version'),
    byStatus: (status) =>
      queryAll<Campaign>(client, {
        TableName: campaigns(),
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status },
      }),
    async listInScope(orgPath, limit, cursor, status) {
      // Campaigns are few (hundreds a year): a filtered scan beats an index kept for it.
      const items: Campaign[] = [];
      let start: Record<string, unknown> | undefined = cursor;
      let last: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: campaigns(),
            FilterExpression: status
              ? 'begins_with(scopeOrgPath, :p) AND #status = :s'
              : 'begins_with(scopeOrgPath, :p)',
            ...(status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
            ExpressionAttributeValues: { ':p': orgPath, ...(status ? { ':s': status } : {}) },
            ExclusiveStartKey: start,
            Limit: 200,
          }),
        );
        for (const item of (page.Items ?? []) as Campaign[]) {
          if (items.length < limit) {
            items.push(item);
            last = { campaignId: item.campaignId };
          }
        }
        start = page.LastEvaluatedKey;
      } while (start && items.length < limit);
      return {
        items,
        ...(start || items.length === limit ? { nextCursor: encodeCursor(last as PageKey) } : {}),
      };
    },
  };
};
