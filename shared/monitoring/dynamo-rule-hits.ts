// DynamoDB adapter for the rule-hit cells (table `monitoring-aggregates`, `rulehits#<month>`
// partitions): the ADD the alert store puts in the raise transaction, and the read of a date range
// (a month partition each, one or two for 30 days).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { monthOf, monthsFrom } from './days.js';
import { hitsCellKey, hitsPartition } from './rule-hits.js';
import type { RuleHitStore } from './ports.js';

/** The update that counts one hit of `ruleId` on `businessDate` (an item of the raise transaction). */
export const ruleHitUpdate = (table: string, businessDate: string, ruleId: string) => ({
  Update: {
    TableName: table,
    Key: hitsCellKey(businessDate, ruleId),
    UpdateExpression: 'SET ruleId = :rule, businessDate = :day ADD hits :one',
    ExpressionAttributeValues: { ':rule': ruleId, ':day': businessDate, ':one': 1 },
  },
});

export const dynamoRuleHits = (client: DynamoDBDocumentClient = dynamoDocumentClient()): RuleHitStore => ({
  async between(from, to) {
    const months = monthsFrom(monthOf(from), monthOf(to));
    const pages = await Promise.all(
      months.map((month) =>
        queryAll(client, {
          TableName: tableName('monitoring-aggregates'),
          KeyConditionExpression: 'aggregateKey = :k AND scopeKey BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':k': hitsPartition(month), ':from': `${from}#`, ':to': `${to}#~` },
        }),
      ),
    );
    return pages.flat().map((i) => ({
      businessDate: String(i.businessDate),
      ruleId: String(i.ruleId),
      hits: Number(i.hits ?? 0),
    }));
  },
});
