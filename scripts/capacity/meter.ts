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

/** Physical table name → its partition key attribute (from the declaration), for per-key tallies. */
export type PartitionKeyOf = (table: string) => string | undefined;

export class CapacityMeter {
  private readonly tallies = new Map<string, Tally>();
  private readonly keys = new Map<string, KeyTally>();

  constructor(private readonly partitionKeyOf: PartitionKeyOf = () => undefined) {}

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
    entry: Omit<Tally, 'calls' | 'units' | 'indexUnits' | 'unreported'>,
    units: number,
    indexUnits: number,
    unreported: number,
    calls: number,
  ) {
    const id = `${entry.consumer}|${entry.table}|${entry.call}`;
    const tally = this.tallies.get(id) ?? { ...entry, calls: 0, units: 0, indexUnits: 0, unreported: 0 };
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
    const kind = READS.has(call) ? 'read' : 'write';
    const who = consumer.getStore() ?? 'api';
    const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
    if (list.length === 0) {
      for (const table of tablesOf(input)) {
        this.add(
          {
            consumer: who,
            table,
            call: call.replace(/Command$/, ''),
            kind,
            transactional: TRANSACTIONAL.has(call),
          },
          0,
          0,
          failed ? 1 : 0,
          1,
        );
      }
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
      this.add(
        {
          consumer: who,
          table: c.TableName ?? '?',
          call: call.replace(/Command$/, ''),
          kind,
          transactional: TRANSACTIONAL.has(call),
        },
        c.CapacityUnits ?? 0,
        indexUnits,
        0,
        i === 0 || list.length === 1 ? 1 : 0,
      );
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
