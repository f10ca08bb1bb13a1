// The key whose records must apply in stream order. DynamoDB Streams orders the changes of one item;
// a consumer whose exactness rests on something coarser (a customer's AUM counters and tier, a
// customer's monitoring state, a registration and its reversal) needs that coarser key instead.
// Grouping by a coarser key is always safe (it only runs fewer groups side by side), so the default
// is the customer the item names, and the item itself only when it names none.
import type { DynamoDBRecord } from 'aws-lambda';

/** A record's ordering key; `undefined` when it cannot be told (then the batch runs one record at a time). */
export type OrderKey = (record: DynamoDBRecord) => string | undefined;

/** The item's primary key, as the stream gives it (`dynamodb.Keys`), in a stable spelling. */
export const byItem: OrderKey = (record) => {
  const keys = record.dynamodb?.Keys;
  if (!keys || Object.keys(keys).length === 0) return undefined;
  const names = Object.keys(keys).sort();
  return `item:${JSON.stringify(names.map((name) => [name, keys[name]]))}`;
};

/** A string attribute of the item's image (the new one, else the old one), else `fallback`. */
export const byAttribute =
  (name: string, fallback: OrderKey = byItem): OrderKey =>
  (record) => {
    const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
    const value = image?.[name]?.S;
    return value ? `${name}:${value}` : fallback(record);
  };

/**
 * The default: records of one customer in stream order — what the transactions readers (tiering
 * counters and tier state, monitoring state and fund flows, last activity, report counters), the
 * performance ledger's readers (aggregates, conversions, maturities: a reversal after its
 * registration), tier changes, customers and alerts all need — and per item for items that name no
 * customer (month-close tasks).
 */
export const byCustomer: OrderKey = byAttribute('customerId');
