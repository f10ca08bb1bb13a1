// DynamoDB adapter for the AUM counters (table `aum-counters`, one partition per customer):
//   M#<YYYY-MM>   the month's linear counters, per asset class: B_<class>, A_<class>, D<dd>_<class>; n
//   TX#<id>       claim marker of a transaction applied (exactly once per transactionId)
//   SNAP#<class>#<date>  claim marker of a balance snapshot reconciled
// (the claim keys are the domain's: ids.ts)
// A change is its claim (attribute_not_exists) and its ADDs in one TransactWriteItems: both or neither.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '#shared/adapters/batch.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { ASSET_CLASSES, type AssetClass } from '#shared/transactions/transaction.js';
import type { ClassCounters, MonthCounters } from './aum.js';
import { auditPut } from '#shared/audit/dynamo-audit-log.js';
import { writeClaimed } from '#shared/adapters/claimed-batch.js';
import { recordRead, recordWrite } from './capacity.js';
import { transactWrite, type TableNames, type TransactItems } from './dynamo-transact.js';
import type { ApplyOutcome, CounterChange, CounterStore } from './ports.js';

const monthKey = (month: string) => `M#${month}`;

const dayAttribute = (day: number, assetClass: AssetClass) =>
  `D${String(day).padStart(2, '0')}_${assetClass}`;
const DAY_ATTRIBUTE = /^D(\d{2})_(.+)$/;

/** The stored month item → counters; the attribute names are this adapter's business alone. */
export const monthCountersOf = (item: Record<string, unknown>): MonthCounters => {
  const classes: Partial<Record<AssetClass, ClassCounters>> = {};
  const of = (assetClass: string) =>
    (ASSET_CLASSES as readonly string[]).includes(assetClass)
      ? (classes[assetClass as AssetClass] ??= { b: 0n, a: 0n, byDay: {} })
      : undefined;
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== 'number') continue;
    if (name.startsWith('B_')) {
      const c = of(name.slice(2));
      if (c) c.b = BigInt(value);
    } else if (name.startsWith('A_')) {
      const c = of(name.slice(2));
      if (c) c.a = BigInt(value);
    } else {
      const match = DAY_ATTRIBUTE.exec(name);
      const c = match && of(match[2]!);
      if (c) c.byDay[Number(match[1])] = BigInt(value);
    }
  }
  return { month: String(item.month), classes, changes: typeof item.n === 'number' ? item.n : 0 };
};

const safeNumber = (value: bigint): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`counter term ${value} is beyond what the store takes exactly`);
  return n;
};

export const dynamoCounterStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
  names: TableNames = tableName,
): CounterStore => {
  const table = names('aum-counters');
  return {
    async apply(change) {
      const items: TransactItems = [claimPut(table, change)];
      const { terms } = change;
      if (terms) {
        const guard = change.expectedChanges === undefined ? undefined : guardOf(change.expectedChanges);
        items.push({
          Update: {
            TableName: table,
            Key: { customerId: change.customerId, key: monthKey(terms.month) },
            UpdateExpression: 'SET #month = :month ADD #b :b, #a :a, #d :b, #n :one',
            ...(guard ? { ConditionExpression: guard.condition } : {}),
            ExpressionAttributeNames: {
              '#month': 'month',
              '#b': `B_${terms.assetClass}`,
              '#a': `A_${terms.assetClass}`,
              '#d': dayAttribute(terms.day, terms.assetClass),
              '#n': 'n',
            },
            ExpressionAttributeValues: {
              ':month': terms.month,
              ':b': safeNumber(terms.b),
              ':a': safeNumber(terms.a),
              ':one': 1,
              ...guard?.values,
            },
          },
        });
      }
      if (change.audit) {
        items.push(auditPut(change.audit, names('audit')));
      }
      const outcome = await transactWrite(client, items);
      if (outcome.ok) return { kind: 'applied' };
      if (outcome.failed.has(0)) return { kind: 'duplicate', claim: outcome.failed.get(0) ?? {} };
      if (terms && outcome.failed.has(1)) return { kind: 'stale' };
      throw new Error(
        `applying ${change.claimKey} for ${change.customerId} failed a condition it does not set`,
      );
    },

    applyAll: (changes) => applyCoalesced(client, names, changes),

    async read(customerId) {
      const items = await queryAll(
        client,
        {
          TableName: table,
          KeyConditionExpression: 'customerId = :c AND begins_with(#key, :prefix)',
          ExpressionAttributeNames: { '#key': 'key' },
          ExpressionAttributeValues: { ':c': customerId, ':prefix': 'M#' },
          ConsistentRead: true,
        },
        { onConsumed: recordRead },
      );
      return items.map(monthCountersOf).sort((x, y) => (x.month < y.month ? -1 : 1));
    },

    async claims(customerId, claimKeys) {
      const keys = claimKeys.map((key) => ({ customerId, key }));
      const items = await batchGetAll(client, table, keys, { consistentRead: true, onConsumed: recordRead });
      return new Map(items.map((item) => [String(item.key), item]));
    },
  };
};

const claimPut = (table: string, change: CounterChange): TransactItems[number] => ({
  Put: {
    TableName: table,
    Item: { customerId: change.customerId, key: change.claimKey, ...change.claim },
    ConditionExpression: 'attribute_not_exists(#key)',
    ExpressionAttributeNames: { '#key': 'key' },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/** One month item's ADDs for the terms of several changes: each attribute's sum, and n by their count. */
const coalescedMonthUpdate = (table: string, changes: CounterChange[]): TransactItems[number] => {
  const { customerId, terms: first } = changes[0]!;
  const sums = new Map<string, bigint>();
  const add = (attribute: string, value: bigint) => sums.set(attribute, (sums.get(attribute) ?? 0n) + value);
  for (const { terms } of changes) {
    add(`B_${terms!.assetClass}`, terms!.b);
    add(`A_${terms!.assetClass}`, terms!.a);
    add(dayAttribute(terms!.day, terms!.assetClass), terms!.b);
  }
  const names: Record<string, string> = { '#month': 'month', '#n': 'n' };
  const values: Record<string, unknown> = { ':month': first!.month, ':count': changes.length };
  const adds = [...sums].map(([attribute, sum], i) => {
    names[`#c${i}`] = attribute;
    values[`:c${i}`] = safeNumber(sum);
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: { customerId, key: monthKey(first!.month) },
      UpdateExpression: `SET #month = :month ADD ${adds.join(', ')}, #n :count`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

/** The changes through writeClaimed: a claim (and audit entry) each, one update per month touched. */
const applyCoalesced = async (
  client: DynamoDBDocumentClient,
  names: TableNames,
  changes: readonly CounterChange[],
): Promise<ApplyOutcome[]> => {
  const table = names('aum-counters');
  const monthOf = (c: CounterChange) => (c.terms ? [`${c.customerId}\u0000${c.terms.month}`] : []);
  if (new Set(changes.map((c) => `${c.customerId}\u0000${c.claimKey}`)).size !== changes.length)
    throw new Error('applyAll takes each claim once');
  if (changes.some((c) => c.expectedChanges !== undefined))
    throw new Error('applyAll does not guard a month by its count of changes; use apply');
  const outcomes = await writeClaimed(
    client,
    changes,
    {
      own: (c) => [claimPut(table, c), ...(c.audit ? [auditPut(c.audit, names('audit'))] : [])],
      shared: monthOf,
      merge: (_, touching) => coalescedMonthUpdate(table, touching),
    },
    { onConsumed: (consumed) => recordWrite(consumed, { transactional: true }) },
  );
  return outcomes.map((o) => (o.kind === 'applied' ? o : { kind: 'duplicate', claim: o.claim ?? {} }));
};

const guardOf = (expected: number): { condition: string; values: Record<string, unknown> } =>
  expected === 0
    ? { condition: 'attribute_not_exists(#n) OR #n = :expected', values: { ':expected': 0 } }
    : { condition: '#n = :expected', values: { ':expected': expected } };
