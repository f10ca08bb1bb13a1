// DynamoDB adapter for the management-report counters (table `report-aggregates`, key scope + key):
//   org#<orgId> / <month>#tier | <month>#aum     counters of an org unit (its whole subtree)
//   rm#<staffId> / <month>#tier | <month>#aum    counters of an RM's book
//   rm#<staffId> / <month>#move#<at>#<customer>  one tier move of the RM's customer (the workbench)
//   claim#<source>#<id> / claim                  claim marker: this change is counted
// A change is its claim (attribute_not_exists) and its ADDs in one TransactWriteItems: counted once,
// however often the stream delivers it.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { batchGetAll } from '#shared/adapters/batch.js';
import type { Tier } from '#shared/customers/customer.js';
import { aggregateId, movesOfMonth, rmScope } from './counters.js';
import type { ReportAggregateStore } from './ports.js';

export const dynamoReportAggregateStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): ReportAggregateStore => {
  const table = () => tableName('report-aggregates');
  return {
    async apply(claim, updates, puts = []) {
      const items: TransactItems = [
        {
          Put: {
            TableName: table(),
            Item: { scope: `claim#${claim}`, key: 'claim' },
            ConditionExpression: 'attribute_not_exists(#s)',
            ExpressionAttributeNames: { '#s': 'scope' },
          },
        },
        ...updates.map(({ scope, key, counters }) => {
          const fields = Object.keys(counters);
          return {
            Update: {
              TableName: table(),
              Key: { scope, key },
              UpdateExpression: 'ADD ' + fields.map((_, i) => `#f${i} :v${i}`).join(', '),
              ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
              ExpressionAttributeValues: Object.fromEntries(fields.map((f, i) => [`:v${i}`, counters[f]])),
            },
          };
        }),
        ...puts.map((Item) => ({ Put: { TableName: table(), Item } })),
      ];
      const outcome = await transactWrite(client, items);
      if (outcome.ok) return 'applied';
      if (outcome.failed.has(0)) return 'duplicate';
      throw new Error(`counting ${claim} failed a condition it does not set`);
    },

    async get(keys) {
      const items = await batchGetAll(
        client,
        table(),
        keys.map(({ scope, key }) => ({ scope, key })),
      );
      return new Map(
        items.map((item) => [aggregateId({ scope: String(item.scope), key: String(item.key) }), item]),
      );
    },

    async moves(managerId, month, limit) {
      const page = await client.send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: '#s = :s AND begins_with(#k, :k)',
          ExpressionAttributeNames: { '#s': 'scope', '#k': 'key' },
          ExpressionAttributeValues: { ':s': rmScope(managerId), ':k': movesOfMonth(month) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((i) => ({
        customerId: String(i.customerId),
        ...(i.customerName ? { customerName: String(i.customerName) } : {}),
        fromTier: i.fromTier as Tier,
        toTier: i.toTier as Tier,
        direction: i.direction === 'downgrade' ? 'downgrade' : 'upgrade',
        at: String(i.at),
        businessDate: String(i.businessDate),
      }));
    },
  };
};
