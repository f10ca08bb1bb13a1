// DynamoDB adapter for org units.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#shared/adapters/query-all.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { versionedPut } from '#shared/adapters/audited-write.js';
import type { OrgUnit } from './org-unit.js';
import type { OrgStore } from './ports.js';

export const dynamoOrgStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): OrgStore => {
  const table = () => tableName('orgs');
  return {
    async get(orgId) {
      const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { orgId } }));
      return Item as OrgUnit | undefined;
    },
    children: (parentId) =>
      queryAll<OrgUnit>(client, {
        TableName: table(),
        IndexName: 'byParent',
        KeyConditionExpression: 'parentId = :p',
        ExpressionAttributeValues: { ':p': parentId },
      }),
    put: versionedPut(client, table, 'orgId', 'updatedAt'),
  };
};
