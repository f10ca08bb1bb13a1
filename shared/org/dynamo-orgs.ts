// DynamoDB adapter for org units.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { createOrReplace } from '#shared/adapters/audited-write.js';
import type { OrgUnit } from './org-unit.js';
import type { OrgStore } from './ports.js';

export const dynamoOrgStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): OrgStore => {
  const table = () => tableName('orgs');
  return {
    async get(orgId) {
      const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { orgId } }));
      return Item as OrgUnit | undefined;
    },
    async children(parentId) {
      const items: OrgUnit[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: table(),
            IndexName: 'byParent',
            KeyConditionExpression: 'parentId = :p',
            ExpressionAttributeValues: { ':p': parentId },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...((page.Items ?? []) as OrgUnit[]));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    put: (org, audit, expectedUpdatedAt) =>
      createOrReplace(
        client,
        table(),
        'orgId',
        org,
        audit,
        expectedUpdatedAt === undefined ? undefined : { attribute: 'updatedAt', value: expectedUpdatedAt },
      ),
  };
};
