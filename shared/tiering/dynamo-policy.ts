// DynamoDB adapter for tier policy versions (table `tier-policy`): one partition, a version per item,
// never overwritten. (Readers on the stream path keep the versions a while: policy-cache.ts.)
// Proposed changes (maker-checker) sit in a partition of their own; a version is stored only by the
// approval of one, in the same transaction as the decision and its audit entry.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#shared/adapters/query-all.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { dynamoChangeStore, writeDecision } from '#shared/maker-checker/dynamo-changes.js';
import { TierPolicy } from './policy.js';
import { recordRead } from './capacity.js';
import type { TableNames } from './dynamo-transact.js';
import type { PolicyChanges, PolicyStore, PolicyVersionReader } from './ports.js';

const POLICY_ID = 'tier-policy';

export const dynamoPolicyStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): PolicyStore & PolicyVersionReader => {
  const table = names('tier-policy');
  return {
    async latestVersion() {
      const page = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'policyId = :p',
          ExpressionAttributeValues: { ':p': POLICY_ID },
          ExpressionAttributeNames: { '#version': 'version' },
          ProjectionExpression: '#version',
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      recordRead(page.ConsumedCapacity);
      const version = page.Items?.[0]?.version;
      return typeof version === 'number' ? version : 0;
    },
    async list() {
      const items = await queryAll(
        client,
        {
          TableName: table,
          KeyConditionExpression: 'policyId = :p',
          ExpressionAttributeValues: { ':p': POLICY_ID },
          ConsistentRead: true,
        },
        { onConsumed: recordRead },
      );
      return items.map((item) => TierPolicy.parse(item));
    },
  };
};

export const dynamoPolicyChanges = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): PolicyChanges => {
  const table = names('tier-policy');
  const at = { table, partitionKey: 'policyId', partition: `${POLICY_ID}#changes`, sortKey: 'version' };
  return {
    ...dynamoChangeStore(client, at),
    approve: (policy, approved, audit) =>
      writeDecision(client, at, approved, audit, [
        {
          Put: {
            TableName: table,
            Item: { policyId: POLICY_ID, ...policy },
            ConditionExpression: 'attribute_not_exists(version)',
          },
        },
      ]),
  };
};
