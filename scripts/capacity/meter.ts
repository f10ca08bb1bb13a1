// Capacity meter: middleware on a DynamoDB client that asks every data call for its consumed capacity
// (ReturnConsumedCapacity: INDEXES) and tallies the units DynamoDB reports, per consumer (whoever is
// running: an AsyncLocalStorage name, `api` otherwise), per table and per kind of call. No domain
// code changes: the handlers' own client (shared/adapters/aws.ts) gets the middleware in the process
// that runs them. A failed conditional write answers an error without ConsumedCapacity: it is counted
// as a call, and its units are estimated as one write unit per item (what DynamoDB charges at least).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);
const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);
const TRANSACTIONAL = new Set(['TransactWriteItemsCommand', 'TransactGetItemsCommand']);

export interface Tally {
  consumer: string;
  table: string;
  /** GetItem, Query, TransactWriteItems… */
  call: string;
  kind: 'read' | 'write';
  transactional: boolean;
  calls: number;
  /** Units as DynamoDB Local reported them (table and indexes). */
  units: number;
  /** Of which on global secondary indexes. */
  indexUnits: number;
  /** Calls that answered without ConsumedCapacity (errors, conditional failures): estimated units. */
  unreported: number;
  /** Calls whose units were computed from item sizes (TransactWriteItems: see transactUnits). */
  computed: number;
}

interface Consumed {
  TableName?: string;
  CapacityUnits?: number;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

export const consumer = new AsyncLocalStorage<string>();

/** Units on one partition key value (units of a multi-item call split evenly over its items). */
export interface KeyTally {
  table: string;
  key: string;
  kind: 'read' | 'write';
  /** Items of the calls that touched it. */
  touches: number;
  units: number;
}

/** A table's partition key and its global indexes' partition keys (from the declaration). */
export interface TableShape {
  partitionKey: string;
  indexKeys: string[];
}

/** Physical table name → its shape, for per-key tallies and units computed from item sizes. */
export type ShapeOf = (table: string) => TableShape | undefined;

type PartitionKeyOf = (table: string) => string | undefined;

export class CapacityMeter {
  private readonly tallies = new Map<string, Tally>();
  private readonly keys = new Map<string, KeyTally>();

  private readonly partitionKeyOf: PartitionKeyOf;

  constructor(private readonly shapeOf: ShapeOf = () => undefined) {
    this.partitionKeyOf = (table) => shapeOf(table)?.partitionKey;
  }

  private addKeys(kind: 'read' | 'write', table: string, values: string[], units: number) {
    for (const value of values) {
      const id = `${kind}|${table}|${value}`;
      const tally = this.keys.get(id) ?? { table, key: value, kind, touches: 0, units: 0 };
      tally.touches += 1;
      tally.units += units / values.length;
      this.keys.set(id, tally);
    }
  }

  private add(
    entry: Omit<Tally, 'calls' | 'units' | 'indexUnits' | 'unreported' | 'computed'>,
    units: number,
    indexUnits: number,
    unreported: number,
    calls: number,
    computed = false,
  ) {
    const id = `${entry.consumer}|${entry.table}|${entry.call}`;
    const tally = this.tallies.get(id) ?? {
      ...entry,
      calls: 0,
      units: 0,
      indexUnits: 0,
      unreported: 0,
      computed: 0,
    };
    if (computed) tally.computed += calls;
    tally.calls += calls;
    tally.units += units;
    tally.indexUnits += indexUnits;
    tally.unreported += unreported;
    this.tallies.set(id, tally);
  }

  record(
    call: string,
    input: Record<string, unknown>,
    consumed: Consumed[] | Consumed | undefined,
    failed: boolean,
  ) {
    const kind: 'read' | 'write' = READS.has(call) ? 'read' : 'write';
    const entry = (table: string) => ({
      consumer: consumer.getStore() ?? 'api',
      table,
      call: call.replace(/Command$/, ''),
      kind,
      transactional: TRANSACTIONAL.has(call),
    });
    if (call === 'TransactWriteItemsCommand' && !failed) {
      // DynamoDB Local answers 2 units for any TransactWriteItems, whatever its items: computed here
      const items = transactUnits(input as Loose, this.shapeOf);
      const tables = [...new Set(items.map((i) => i.table))];
      tables.forEach((table, n) => {
        const mine = items.filter((i) => i.table === table);
        for (const item of mine)
          if (item.key !== undefined) this.addKeys(kind, table, [item.key], item.units);
        const units = mine.reduce((s, i) => s + i.units, 0);
        const indexUnits = mine.reduce((s, i) => s + i.indexUnits, 0);
        this.add(entry(table), units, indexUnits, 0, n === 0 ? 1 : 0, true);
      });
      return;
    }
    const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
    if (list.length === 0) {
      for (const table of tablesOf(input)) this.add(entry(table), 0, 0, failed ? 1 : 0, 1);
      return;
    }
    const touched = keysOf(input, this.partitionKeyOf);
    for (const c of list) {
      const values = touched.get(c.TableName ?? '') ?? [];
      if (values.length) this.addKeys(kind, c.TableName!, values, c.CapacityUnits ?? 0);
    }
    list.forEach((c, i) => {
      const indexUnits = Object.values(c.GlobalSecondaryIndexes ?? {}).reduce(
        (s, x) => s + (x.CapacityUnits ?? 0),
        0,
      );
      this.add(entry(c.TableName ?? '?'), c.CapacityUnits ?? 0, indexUnits, 0, i === 0 ? 1 : 0);
    });
  }

  snapshot(): Tally[] {
    return [...this.tallies.values()].map((t) => ({ ...t }));
  }

  keySnapshot(): KeyTally[] {
    return [...this.keys.values()].map((k) => ({ ...k }));
  }

  reset(): void {
    this.tallies.clear();
    this.keys.clear();
  }
}

const tablesOf = (input: Record<string, unknown>): string[] => {
  if (typeof input.TableName === 'string') return [input.TableName];
  if (input.RequestItems && typeof input.RequestItems === 'object') return Object.keys(input.RequestItems);
  if (Array.isArray(input.TransactItems)) {
    return [
      ...new Set(
        (input.TransactItems as Record<string, { TableName?: string }>[]).map(
          (item) => Object.values(item)[0]?.TableName ?? '?',
        ),
      ),
    ];
  }
  return ['?'];
};

// request shapes vary by call: read loosely, as the SDK hands them to middleware
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/**
 * DynamoDB's item size: attribute names plus values (strings and binaries by their UTF-8 length,
 * numbers about one byte per two digits plus one, booleans and nulls one byte, lists and maps three
 * bytes plus one per element, sets their elements).
 */
export const itemBytes = (value: unknown): number => {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint')
    return Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((s: number, v) => s + itemBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((s: number, v) => s + itemBytes(v) + 1, 0);
  return Object.entries(value as Loose).reduce(
    (s, [name, v]) => s + Buffer.byteLength(name, 'utf8') + itemBytes(v),
    0,
  );
};

/** Write units of a whole item: one per KB started (DynamoDB's rounding), at least one. */
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/**
 * Units of each item of a TransactWriteItems, at standard rates (the transaction's doubling is applied
 * when billed): a Put by its item's size, once for the table and once per global index whose key it
 * carries; an Update, Delete or ConditionCheck one unit (the caller cannot know the resulting size:
 * counters, claim markers and state items here are under 1 KB).
 */
export const transactUnits = (input: Loose, shapeOf: ShapeOf) =>
  ((input.TransactItems ?? []) as Loose[]).map((wrapped) => {
    const [op, body] = Object.entries(wrapped)[0] as [string, Loose];
    const shape = shapeOf(body.TableName);
    const record = (body.Item ?? body.Key ?? {}) as Loose;
    const key =
      shape && record[shape.partitionKey] !== undefined ? String(record[shape.partitionKey]) : undefined;
    if (op !== 'Put') return { table: String(body.TableName), key, units: 1, indexUnits: 0 };
    const units = writeUnits(itemBytes(body.Item));
    const indexes = (shape?.indexKeys ?? []).filter((k) => body.Item?.[k] !== undefined).length;
    return { table: String(body.TableName), key, units: units * (1 + indexes), indexUnits: units * indexes };
  });

/** Partition key values each table's items in the call are under. */
const keysOf = (input: Loose, pkOf: PartitionKeyOf): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  const add = (table: string | undefined, item: Loose | undefined) => {
    const pk = table && pkOf(table);
    const value = pk && item?.[pk];
    if (table && value !== undefined) out.set(table, [...(out.get(table) ?? []), String(value)]);
  };
  if (typeof input.TableName === 'string') {
    if (input.Item) add(input.TableName, input.Item);
    else if (input.Key) add(input.TableName, input.Key);
    else if (typeof input.KeyConditionExpression === 'string') {
      const pk = pkOf(input.TableName);
      const alias = Object.entries(input.ExpressionAttributeNames ?? {}).find(([, name]) => name === pk)?.[0];
      const match = new RegExp(`(?:^|\\s|\\()(?:${pk}|${alias ?? pk})\\s*=\\s*(:\\w+)`).exec(
        input.KeyConditionExpression,
      );
      if (match && pk) add(input.TableName, { [pk]: input.ExpressionAttributeValues?.[match[1]!] });
    }
  }
  for (const [table, request] of Object.entries((input.RequestItems ?? {}) as Loose)) {
    if (Array.isArray(request))
      for (const r of request) add(table, r.PutRequest?.Item ?? r.DeleteRequest?.Key);
    else for (const key of request.Keys ?? []) add(table, key);
  }
  for (const item of (input.TransactItems ?? []) as Loose[]) {
    const op = Object.values(item)[0] as Loose | undefined;
    add(op?.TableName, op?.Item ?? op?.Key);
  }
  return out;
};

/** Adds the meter to a client (a document client shares its client's middleware stack). */
export const meterClient = (client: DynamoDBClient | DynamoDBDocumentClient, meter: CapacityMeter): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call = String(context.commandName ?? '');
      if (!READS.has(call) && !WRITES.has(call)) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      try {
        const result = await next(args);
        meter.record(
          call,
          input,
          (result.output as { ConsumedCapacity?: Consumed[] | Consumed }).ConsumedCapacity,
          false,
        );
        return result;
      } catch (error) {
        meter.record(call, input, undefined, true);
        throw error;
      }
    },
    { step: 'initialize', name: 'ocrmCapacityMeter', override: true },
  );
};
