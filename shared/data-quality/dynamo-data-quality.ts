// DynamoDB adapter for data quality kept from the customers stream: one item per customer (score, gaps, owner, a sparse
// fix-it key by RM) and commutative counters per org unit and per RM (customers, score sum, gaps,
// tiers) that reports read without touching customers. Each change is applied once: the customer's
// item and the counter deltas go in one TransactWriteItems, conditioned on the item version read,
// and a customer version at or below the one applied is a replay and changes nothing.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { batchGetAll } from '#shared/adapters/batch.js';
import { transactWrite } from '#shared/adapters/transact.js';
import type { Tier } from '#shared/customers/customer.js';
import type { Aggregate, DataQualityStore, DqRecord } from './ports.js';
import { deltasBetween } from './record.js';
import { fixPriority } from './score.js';

/** The byManager index's sort key: it ascends with falling priority, so a Query reads the top first. */
export const fixKey = (tier: Tier, score: number, customerId: string): string =>
  `${String(999 - fixPriority(tier, score)).padStart(3, '0')}#${customerId}`;

/**
 * The item as stored: while the customer has gaps it carries its fix key (a sparse index key); a
 * record without gaps, or removed, carries none (and leaves the index), whatever the item read had.
 */
const storedItem = (record: DqRecord): Record<string, unknown> => {
  const { fixKey: _stale, ...item } = record as DqRecord & { fixKey?: string };
  return record.gaps.length > 0 && !record.removed
    ? { ...item, fixKey: fixKey(record.tier, record.score, record.customerId) }
    : item;
};

export const dynamoDataQualityStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): DataQualityStore => {
  const items = () => tableName('data-quality');
  const aggregates = () => tableName('dq-aggregates');
  const get = async (customerId: string) =>
    (await client.send(new GetCommand({ TableName: items(), Key: { customerId }, ConsistentRead: true })))
      .Item as DqRecord | undefined;
  return {
    get,
    async apply(customerId, after, removedVersion) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const before = await get(customerId);
        const incoming = after?.version ?? removedVersion ?? 0;
        if (before && before.version >= incoming) return 'stale'; // a replay or an older image
        if (!after && !before) return 'stale'; // removed before it was ever counted
        const next: DqRecord = after ?? { ...before!, version: incoming, removed: true };
        const deltas = deltasBetween(before, next);
        const written = await transactWrite(client, [
          {
            Put: {
              TableName: items(),
              Item: storedItem(next),
              ...(before
                ? {
                    ConditionExpression: 'version = :v',
                    ExpressionAttributeValues: { ':v': before.version },
                  }
                : { ConditionExpression: 'attribute_not_exists(customerId)' }),
            },
          },
          ...[...deltas].map(([scope, d]) => {
            const fields = Object.keys(d);
            return {
              Update: {
                TableName: aggregates(),
                Key: { scope },
                UpdateExpression: 'ADD ' + fields.map((_, i) => `#f${i} :v${i}`).join(', '),
                ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
                ExpressionAttributeValues: Object.fromEntries(fields.map((f, i) => [`:v${i}`, d[f]])),
              },
            };
          }),
        ]);
        if (written.ok) return 'applied';
        // the item changed since it was read (another image of this customer won): read it again
      }
      throw new Error(`data quality of ${customerId} kept changing; the stream will retry`);
    },
    async aggregates(scopes) {
      const items = await batchGetAll(
        client,
        aggregates(),
        scopes.map((scope) => ({ scope })),
      );
      return new Map(items.map((item) => [String(item.scope), item as Aggregate]));
    },
    async fixes(managerId, limit) {
      const page = await client.send(
        new QueryCommand({
          TableName: items(),
          IndexName: 'byManager',
          KeyConditionExpression: 'managerId = :m',
          ExpressionAttributeValues: { ':m': managerId },
          Limit: limit,
        }),
      );
      return (page.Items ?? []) as DqRecord[];
    },
  };
};
