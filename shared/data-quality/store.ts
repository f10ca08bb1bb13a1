// Data quality kept from the customers stream: one item per customer (score, gaps, owner, a sparse
// fix-it key by RM) and commutative counters per org unit and per RM (customers, score sum, gaps,
// tiers) that reports read without touching customers. Each change is applied once: the customer's
// item and the counter deltas go in one TransactWriteItems, conditioned on the item version read,
// and a customer version at or below the one applied is a replay and changes nothing.
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { batchGetAll } from '#shared/adapters/batch.js';
import type { Tier } from '#shared/customers/customer.js';
import { contributionOf, fixKey, scoreCustomer, type DqCheck, type ScoredCustomer } from './score.js';

export interface DqRecord {
  customerId: string;
  /** the customer version this reflects */
  version: number;
  name: string;
  score: number;
  gaps: DqCheck[];
  tier: Tier;
  managerId: string;
  orgPath: string;
  /** present while the customer has gaps: the byManager index's sort key (priority order) */
  fixKey?: string;
  updatedAt: string;
  /** a removed customer: kept as a tombstone so a late replay of an older version stays ignored */
  removed?: boolean;
}

export type Aggregate = Record<string, number> & { customers: number; scoreSum: number };

export const scopesOf = (record: Pick<DqRecord, 'orgPath' | 'managerId'>): string[] => [
  ...record.orgPath
    .split('/')
    .filter(Boolean)
    .map((orgId) => `org#${orgId}`),
  `rm#${record.managerId}`,
];

export const dqRecordOf = (customer: ScoredCustomer): DqRecord => {
  const { score, gaps } = scoreCustomer(customer);
  return {
    customerId: customer.customerId,
    version: customer.version,
    name: customer.name,
    score,
    gaps,
    tier: customer.tier,
    managerId: customer.managerId,
    orgPath: customer.orgPath,
    ...(gaps.length > 0 ? { fixKey: fixKey(customer.tier, score, customer.customerId) } : {}),
    updatedAt: customer.updatedAt,
  };
};

/** Counter deltas per scope for moving from `before` to `after` (either may be absent). */
export const deltasBetween = (before: DqRecord | undefined, after: DqRecord | undefined) => {
  const deltas = new Map<string, Record<string, number>>();
  const add = (record: DqRecord, sign: 1 | -1) => {
    const contribution = contributionOf(record);
    for (const scope of scopesOf(record)) {
      const d = deltas.get(scope) ?? {};
      for (const [k, v] of Object.entries(contribution)) d[k] = (d[k] ?? 0) + sign * v;
      deltas.set(scope, d);
    }
  };
  if (before && !before.removed) add(before, -1);
  if (after && !after.removed) add(after, 1);
  for (const [scope, d] of deltas) {
    for (const [k, v] of Object.entries(d)) if (v === 0) delete d[k];
    if (Object.keys(d).length === 0) deltas.delete(scope);
  }
  return deltas;
};

export interface DataQualityStore {
  /** Applies the customer's new state (or its removal, `after` undefined with `removedVersion`). */
  apply(
    customerId: string,
    after: DqRecord | undefined,
    removedVersion?: number,
  ): Promise<'applied' | 'stale'>;
  get(customerId: string): Promise<DqRecord | undefined>;
  aggregates(scopes: readonly string[]): Promise<Map<string, Aggregate>>;
  fixes(managerId: string, limit: number): Promise<DqRecord[]>;
}

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
        const { fixKey: _unset, ...item } = next;
        const keepFixKey = next.fixKey !== undefined && !next.removed;
        try {
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: items(),
                    Item: keepFixKey ? next : item,
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
              ],
            }),
          );
          return 'applied';
        } catch (error) {
          if (
            error instanceof TransactionCanceledException &&
            error.CancellationReasons?.some(
              (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
            )
          )
            continue;
          throw error;
        }
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
