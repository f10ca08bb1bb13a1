// Staff of one org unit, through the staff table's byOrg index: who to escalate to.
import { type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import type { Staff } from '#shared/staff/staff.js';
import { queryAll } from '#shared/adapters/query-all.js';
import type { StaffDirectory } from './work-alerts.js';

export const dynamoStaffDirectory = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): StaffDirectory => {
  const table = tableName('staff');
  return {
    async inOrg(orgId) {
      const items = await queryAll(client, {
        TableName: table,
        IndexName: 'byOrg',
        KeyConditionExpression: 'orgId = :o',
        ExpressionAttributeValues: { ':o': orgId },
      });
      return items as unknown as Staff[];
    },
  };
};
