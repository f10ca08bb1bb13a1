// Writes a demo bank into the tables: orgs, then staff, then customers, 25 items a BatchWriteItem,
// a few batches in flight, UnprocessedItems retried with bounded exponential backoff. Plain puts of
// fixed keys, so loading again overwrites the same items. Each finished table leaves one audit record
// (`seed#<table>`); the consent ledger of the consenting customers is written before the customers, whose
// audit record marks the seed complete, which is what `isSeeded` asks.
import {
  BatchWriteCommand,
  QueryCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { type IdGenerator } from '#shared/ids.js';
import type { AuditEntry } from '#shared/audit/audit.js';
import type { DemoBank } from './demo-bank.js';

export const SEED_TABLES = ['orgs', 'staff', 'customers'] as const;
export type SeedTable = (typeof SEED_TABLES)[number];

/** Physical table name of a declared table id (`orgs` → `ocrm-local-orgs`). */
export type TableNames = (tableId: string) => string;

export interface LoadProgress {
  table: SeedTable;
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Batches in flight at once per table (default 4). */
  concurrency?: number;
  /** Attempts per batch before giving up on its UnprocessedItems (default 8). */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt up to `maxDelayMs` (defaults 50 ms and 2 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The instant the audit records carry (default: now). */
  now?: () => Date;
  ids?: IdGenerator;
  sleep?: (ms: number) => Promise<void>;
}

export type LoadResult = Record<SeedTable, number>;

/** An ordinary audit entry, with the table and its item count also at the top for a quick look. */
export interface SeedAuditRecord extends AuditEntry {
  entityKey: `seed#${SeedTable}`;
  actorId: 'system';
  action: 'seed';
  table: SeedTable;
  count: number;
  detail: { table: SeedTable; count: number };
}

export class SeedWriteIncomplete extends Error {
  constructor(
    readonly table: string,
    readonly unprocessed: number,
    readonly attempts: number,
  ) {
    super(`seeding ${table}: ${unprocessed} items still unprocessed after ${attempts} attempts`);
    this.name = 'SeedWriteIncomplete';
  }
}

const BATCH_SIZE = 25; // the BatchWriteItem limit

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const seedAuditKey = (table: SeedTable) => `seed#${table}` as const;

export const loadDemoBank = async (
  client: DynamoDBDocumentClient,
  names: TableNames,
  bank: DemoBank,
  onProgress?: (progress: LoadProgress) => void,
  options: LoadOptions = {},
): Promise<LoadResult> => {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 8);
  const baseDelayMs = options.baseDelayMs ?? 50;
  const maxDelayMs = options.maxDelayMs ?? 2000;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => new Date());
  const ids = options.ids ?? ulidGenerator(() => now().getTime());
  const correlationId = ids.next('seed-'); // one per load: ties its three audit entries together

  // Full jitter: concurrent batches that were throttled together should not retry together.
  const backoff = (attempt: number) =>
    Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);

  const writeBatch = async (tableName: string, items: Record<string, unknown>[]) => {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; ; attempt++) {
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      const left = out.UnprocessedItems?.[tableName] ?? [];
      if (left.length === 0) return;
      if (attempt >= maxAttempts) throw new SeedWriteIncomplete(tableName, left.length, attempt);
      await sleep(backoff(attempt));
      requests = left.map((request) => ({ PutRequest: { Item: request.PutRequest!.Item! } }));
    }
  };

  /** Every item, `concurrency` batches in flight. */
  const writeAll = async (
    tableName: string,
    items: Record<string, unknown>[],
    onBatch?: (n: number) => void,
  ) => {
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += BATCH_SIZE) batches.push(items.slice(i, i + BATCH_SIZE));
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await writeBatch(tableName, batch);
        onBatch?.(batch.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  };

  const loadTable = async (table: SeedTable, items: Record<string, unknown>[]) => {
    let done = 0;
    onProgress?.({ table, done, total: items.length });
    await writeAll(names(table), items, (n) => {
      done += n;
      onProgress?.({ table, done, total: items.length });
    });
    const audit: SeedAuditRecord = {
      entityKey: seedAuditKey(table),
      auditId: ids.next(),
      actorId: 'system',
      action: 'seed',
      table,
      count: items.length,
      detail: { table, count: items.length },
      at: now().toISOString(),
      correlationId,
    };
    await client.send(new PutCommand({ TableName: names('audit'), Item: audit }));
  };

  await loadTable('orgs', bank.orgs);
  await loadTable('staff', bank.staff);
  // the consent ledger before the customers, whose table's audit record marks the seed complete
  await writeAll(names('sms-consent'), bank.consentLedger ?? []);
  await loadTable('customers', bank.customers);
  return { orgs: bank.orgs.length, staff: bank.staff.length, customers: bank.customers.length };
};

/**
 * Has a seed run to completion here? True once the customers table's seed audit record exists
 * (it is written last), so a restart on a data dir keeps its data, and a seed interrupted halfway is
 * simply loaded again (loading is idempotent).
 */
export const isSeeded = async (client: DynamoDBDocumentClient, names: TableNames): Promise<boolean> => {
  const out = await client.send(
    new QueryCommand({
      TableName: names('audit'),
      KeyConditionExpression: 'entityKey = :key',
      ExpressionAttributeValues: { ':key': seedAuditKey('customers') },
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return (out.Items?.length ?? 0) > 0;
};
