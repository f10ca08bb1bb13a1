// DynamoDB adapter for the aggregates (table `performance-aggregates`, key pk + sk):
//   S#<staffId>             / <period>   a staff member's figures; on the byBoard index under
//                                         board = <branchId>#<period>, boardKey = <orgPath><staffId>
//   O#<orgId>#<shard>       / <period>   one write shard of an org unit's figures (summed on read)
//   CLAIM#<entryId>         / <chunk>    claim marker: this chunk of the entry's updates is applied
// Each item holds the total (amountFen, points, count) and the same per product category
// (amountFen_<category>, …). A chunk is its claim (attribute_not_exists) and its ADDs in one
// TransactWriteItems: applied exactly once, however often and in whatever order entries arrive.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { branchOfPath } from '#shared/org/org-unit.js';
import { PRODUCT_CATEGORIES } from '#shared/products/product.js';
import type { AggregateUpdate, Figures } from './aggregate.js';
import type { AggregateStore, BoardRow, Totals } from './ports.js';
import { addTotals, EMPTY_TOTALS } from './totals.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { batchGetAll } from '#shared/adapters/batch.js';

export const staffAggregateKey = (staffId: string, period: string) => ({ pk: `S#${staffId}`, sk: period });
export const orgAggregateKey = (orgId: string, shard: number, period: string) => ({
  pk: `O#${orgId}#${shard}`,
  sk: period,
});
export const claimKey = (entryId: string, chunk: number) => ({ pk: `CLAIM#${entryId}`, sk: String(chunk) });
export const boardOf = (branchId: string, period: string) => `${branchId}#${period}`;

/** The figures on an aggregate item; the attribute names are this adapter's business alone. */
export const totalsOfItem = (item: Record<string, unknown> | undefined): Totals => {
  if (!item) return EMPTY_TOTALS;
  const figures = (suffix: string): Figures => ({
    amountFen: Number(item[`amountFen${suffix}`] ?? 0),
    points: Number(item[`points${suffix}`] ?? 0),
    count: Number(item[`count${suffix}`] ?? 0),
  });
  const byCategory: Totals['byCategory'] = {};
  for (const category of PRODUCT_CATEGORIES) {
    if (item[`count_${category}`] !== undefined || item[`amountFen_${category}`] !== undefined) {
      byCategory[category] = figures(`_${category}`);
    }
  }
  return { total: figures(''), byCategory };
};

const updateItem = (
  table: string,
  update: AggregateUpdate,
  shard: number,
): NonNullable<TransactItems[number]> => {
  const key =
    update.subject.kind === 'staff'
      ? staffAggregateKey(update.subject.staffId, update.period)
      : orgAggregateKey(update.subject.orgId, shard, update.period);
  const names: Record<string, string> = {
    '#a': 'amountFen',
    '#p': 'points',
    '#n': 'count',
    '#ca': `amountFen_${update.category}`,
    '#cp': `points_${update.category}`,
    '#cn': `count_${update.category}`,
  };
  const values: Record<string, unknown> = {
    ':a': update.figures.amountFen,
    ':p': update.figures.points,
    ':n': update.figures.count,
  };
  const sets: string[] = [];
  const set = (name: string, value: unknown) => {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  };
  if (update.placement) {
    // Placement follows the credit: a staff member who moves unit shows under the new one from
    // their next entry on (their figures so far move with them).
    set('board', boardOf(branchOfPath(update.placement.orgPath), update.period));
    set('boardKey', update.placement.orgPath + update.placement.staffId);
    set('staffId', update.placement.staffId);
    set('staffName', update.placement.staffName);
    set('orgId', update.placement.orgId);
    set('orgPath', update.placement.orgPath);
  } else if (update.subject.kind === 'org') {
    set('orgId', update.subject.orgId);
  }
  return {
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: `ADD #a :a, #p :p, #n :n, #ca :a, #cp :p, #cn :n${sets.length ? ` SET ${sets.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

export const dynamoAggregateStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): AggregateStore => {
  const table = () => tableName('performance-aggregates');

  const batchGet = (keys: { pk: string; sk: string }[]) => batchGetAll(client, table(), keys);

  return {
    async apply({ entryId, chunk, chunks, updates, shard }) {
      const items: TransactItems = [
        {
          Put: {
            TableName: table(),
            Item: { ...claimKey(entryId, chunk), chunks, updates: updates.length },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...updates.map((u) => updateItem(table(), u, shard)),
      ];
      const outcome = await transactWrite(client, items);
      if (outcome.ok) return 'applied';
      if (outcome.failed.has(0)) return 'duplicate';
      throw new Error(`applying ${entryId} chunk ${chunk} failed a condition it does not set`);
    },

    async orgTotals(orgIds, period, shards) {
      const keys = orgIds.flatMap((orgId) =>
        Array.from({ length: shards }, (_, shard) => orgAggregateKey(orgId, shard, period)),
      );
      const totals = new Map<string, Totals>(orgIds.map((id) => [id, EMPTY_TOTALS]));
      for (const item of await batchGet(keys)) {
        const orgId = String(item.orgId);
        totals.set(orgId, addTotals(totals.get(orgId) ?? EMPTY_TOTALS, totalsOfItem(item)));
      }
      return totals;
    },

    async staffTotals(staffId, period) {
      const [item] = await batchGet([staffAggregateKey(staffId, period)]);
      return totalsOfItem(item);
    },

    async board(branchIds, orgPath, period) {
      const rows: BoardRow[] = [];
      await Promise.all(
        branchIds.map(async (branchId) => {
          let start: Record<string, unknown> | undefined;
          do {
            const page = await client.send(
              new QueryCommand({
                TableName: table(),
                IndexName: 'byBoard',
                KeyConditionExpression: 'board = :b AND begins_with(boardKey, :path)',
                ExpressionAttributeValues: { ':b': boardOf(branchId, period), ':path': orgPath },
                ExclusiveStartKey: start,
              }),
            );
            for (const item of page.Items ?? []) {
              rows.push({
                placement: {
                  staffId: String(item.staffId),
                  staffName: String(item.staffName),
                  orgId: String(item.orgId),
                  orgPath: String(item.orgPath),
                },
                totals: totalsOfItem(item),
              });
            }
            start = page.LastEvaluatedKey;
          } while (start);
        }),
      );
      return rows;
    },
  };
};
