// DynamoDB adapter for trigger rules (table `trigger-rules`): every version of every rule, never
// overwritten (ruleId / version), and a head item whose revision goes up with each new version, in
// the same transaction, so a stream handler knows with one small read whether to reload. Proposed
// changes (maker-checker) sit under `$changes`; a version is stored only by the approval of one,
// in the same transaction as the decision and its audit entry.
import { GetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { dynamoChangeStore, writeDecision } from '#shared/maker-checker/dynamo-changes.js';
import type { RuleChanges, RuleStore } from './ports.js';

/** The head item: `ruleId` = this, `version` = 0, `revision` = how many versions were ever stored. */
export const HEAD_ID = '$head';
/** The partition of proposed changes (a rule id never starts with `$`). */
export const CHANGES_ID = '$changes';

export const dynamoRuleStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): RuleStore => {
  const table = tableName('trigger-rules');
  return {
    async all() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
        );
        items.push(...(page.Items ?? []).filter((i) => i.ruleId !== HEAD_ID && i.ruleId !== CHANGES_ID));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async versions(ruleId) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'ruleId = :r',
          ExpressionAttributeValues: { ':r': ruleId },
          ScanIndexForward: false,
          ConsistentRead: true,
        }),
      );
      return Items ?? [];
    },
    async revision() {
      const { Item } = await client.send(
        new GetCommand({ TableName: table, Key: { ruleId: HEAD_ID, version: 0 }, ConsistentRead: true }),
      );
      return typeof Item?.revision === 'number' ? Item.revision : 0;
    },
  };
};

export const dynamoRuleChanges = (client: DynamoDBDocumentClient = dynamoDocumentClient()): RuleChanges => {
  const table = tableName('trigger-rules');
  const at = { table, partitionKey: 'ruleId', partition: CHANGES_ID, sortKey: 'version' };
  return {
    ...dynamoChangeStore(client, at),
    approve: (rule, approved, audit) =>
      writeDecision(client, at, approved, audit, [
        { Put: { TableName: table, Item: rule, ConditionExpression: 'attribute_not_exists(version)' } },
        {
          Update: {
            TableName: table,
            Key: { ruleId: HEAD_ID, version: 0 },
            UpdateExpression: 'SET updatedAt = :at ADD revision :one',
            ExpressionAttributeValues: { ':at': rule.updatedAt, ':one': 1 },
          },
        },
      ]),
  };
};
