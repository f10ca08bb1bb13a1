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
import { recordRead } from './capacity.js';
import { auditPut } from '#shared/audit/dynamo-audit-log.js';
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
      const items: TransactItems = [
        {
          Put: {
            TableName: table,
            Item: { customerId: change.customerId, key: change.claimKey, ...change.claim },
            ConditionExpression: 'attribute_not_exists(#key)',
            ExpressionAttributeNames: { '#key': 'key' },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ];
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

/** At most this many items in one TransactWriteItems (DynamoDB's limit). */
export const MAX_TRANSACTION_ITEMS = 100;

type Put = NonNullable<TransactItems[number]['Put']>;

const claimPut = (table: string, change: CounterChange): TransactItems[number] => ({
  Put: {
    TableName: table,
    Item: { customerId: change.customerId, key: change.claimKey, ...change.claim },
    ConditionExpression: 'attribute_not_exists(#key)',
    ExpressionAttributeNames: { '#key': 'key' },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  } satisfies Put,
});

/** One month item's ADDs for the terms of several changes: each attribute's sum, and n by their count. */
const coalescedMonthUpdate = (table: string, customerId: string, month: string, changes: CounterChange[]) => {
  const sums = new Map<string, bigint>();
  const add = (attribute: string, value: bigint) => sums.set(attribute, (sums.get(attribute) ?? 0n) + value);
  for (const { terms } of changes) {
    add(`B_${terms!.assetClass}`, terms!.b);
    add(`A_${terms!.assetClass}`, terms!.a);
    add(dayAttribute(terms!.day, terms!.assetClass), terms!.b);
  }
  const names: Record<string, string> = { '#month': 'month', '#n': 'n' };
  const values: Record<string, unknown> = { ':month': month, ':count': changes.length };
  const adds = [...sums].map(([attribute, sum], i) => {
    names[`#c${i}`] = attribute;
    values[`:c${i}`] = safeNumber(sum);
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: { customerId, key: monthKey(month) },
      UpdateExpression: `SET #month = :month ADD ${adds.join(', ')}, #n :count`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

/**
 * The changes in transactions of at most 100 items: a claim per change (with its audit entry, if
 * any) and one update per month touched, adding the terms of exactly the changes claimed in that
 * same transaction. A transaction cancelled for claims that exist (replays) is written again without
 * those changes, so whatever is added is added with its claim, once.
 */
const applyCoalesced = async (
  client: DynamoDBDocumentClient,
  names: TableNames,
  changes: readonly CounterChange[],
): Promise<ApplyOutcome[]> => {
  const table = names('aum-counters');
  if (new Set(changes.map((c) => `${c.customerId}\u0000${c.claimKey}`)).size !== changes.length)
    throw new Error('applyAll takes each claim once');
  if (changes.some((c) => c.expectedChanges !== undefined))
    throw new Error('applyAll does not guard a month by its count of changes; use apply');
  const outcomes: ApplyOutcome[] = new Array<ApplyOutcome>(changes.length);
  let pending = changes.map((_, i) => i);
  while (pending.length > 0) {
    // the next chunk: as many changes as fit with their claims, audits and months in 100 items
    const chunk: number[] = [];
    const months = new Set<string>();
    let size = 0;
    for (const i of pending) {
      const c = changes[i]!;
      const month = c.terms ? `${c.customerId}\u0000${c.terms.month}` : undefined;
      const cost = 1 + (c.audit ? 1 : 0) + (month && !months.has(month) ? 1 : 0);
      if (chunk.length > 0 && size + cost > MAX_TRANSACTION_ITEMS) break;
      chunk.push(i);
      size += cost;
      if (month) months.add(month);
    }
    const items: TransactItems = [];
    const claimOf = new Map<number, number>(); // item position → change index
    const byMonth = new Map<string, CounterChange[]>();
    for (const i of chunk) {
      const c = changes[i]!;
      claimOf.set(items.length, i);
      items.push(claimPut(table, c));
      if (c.audit) items.push(auditPut(c.audit, names('audit')));
      if (c.terms) {
        const key = `${c.customerId}\u0000${c.terms.month}`;
        byMonth.set(key, [...(byMonth.get(key) ?? []), c]);
      }
    }
    for (const group of byMonth.values())
      items.push(coalescedMonthUpdate(table, group[0]!.customerId, group[0]!.terms!.month, group));
    const outcome = await transactWrite(client, items);
    if (outcome.ok) {
      for (const i of chunk) outcomes[i] = { kind: 'applied' };
      pending = pending.filter((i) => !chunk.includes(i));
      continue;
    }
    // nothing of the chunk was written: the changes whose claim exists are replays, the rest go again
    for (const [position, item] of outcome.failed) {
      const i = claimOf.get(position);
      if (i === undefined) {
        throw new Error(
          `applying ${changes[chunk[0]!]!.customerId}'s changes failed a condition it does not set`,
        );
      }
      outcomes[i] = { kind: 'duplicate', claim: item ?? {} };
    }
    pending = pending.filter((i) => outcomes[i] === undefined);
  }
  return outcomes;
};

const guardOf = (expected: number): { condition: string; values: Record<string, unknown> } =>
  expected === 0
    ? { condition: 'attribute_not_exists(#n) OR #n = :expected', values: { ':expected': 0 } }
    : { condition: '#n = :expected', values: { ':expected': expected } };
