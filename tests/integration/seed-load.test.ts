import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
// every table, the capabilities' too: the seed writes the consent ledger (`sms-consent`)
import { system } from '#infra/declaration/index.js';
import { ensureTables } from '#infra/local/tables.js';
import { emptyBank, generateDemoBank } from '#infra/local/seed/demo-bank.js';
import { isSeeded, loadDemoBank, SeedWriteIncomplete, type LoadProgress } from '#infra/local/seed/load.js';

const now = new Date('2025-06-15T02:00:00.000Z');
const raw = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });

const freshTables = async () => {
  const prefix = `t-${randomUUID().slice(0, 8)}-`;
  await ensureTables(raw, prefix, system.tables);
  return (tableId: string) => `${prefix}${tableId}`;
};

const scanAll = async (tableName: string) => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

const countsOf = async (names: (id: string) => string) => ({
  orgs: (await scanAll(names('orgs'))).length,
  staff: (await scanAll(names('staff'))).length,
  customers: (await scanAll(names('customers'))).length,
});

/** A client that, on its first BatchWriteItem, writes only part of the batch and hands the rest back. */
const flakyClient = (dropOnFirst: number, always = false) => {
  let calls = 0;
  const send = async (command: unknown) => {
    if (!(command instanceof BatchWriteCommand)) return client.send(command as never);
    calls++;
    if (calls > 1 && !always) return client.send(command);
    const [tableName, requests] = Object.entries(command.input.RequestItems!)[0]!;
    const written = requests.slice(0, Math.max(0, requests.length - dropOnFirst));
    if (written.length) await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: written } }));
    return { UnprocessedItems: { [tableName]: requests.slice(written.length) } };
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, calls: () => calls };
};

describe('loadDemoBank', () => {
  const bank = generateDemoBank({ seed: 'integration', customers: 200, now });
  let names: (tableId: string) => string;

  beforeAll(async () => {
    names = await freshTables();
  });

  it('given fresh tables, when the bank is loaded, then every item is there and the seed is audited', async () => {
    expect(await isSeeded(client, names)).toBe(false);
    const progress: LoadProgress[] = [];
    const result = await loadDemoBank(client, names, bank, (p) => progress.push(p), { now: () => now });

    expect(result).toEqual({ orgs: bank.orgs.length, staff: bank.staff.length, customers: 200 });
    expect(await countsOf(names)).toEqual(result);
    expect(await isSeeded(client, names)).toBe(true);

    const admin = await client.send(new GetCommand({ TableName: names('staff'), Key: { staffId: 'admin' } }));
    expect(admin.Item).toEqual(bank.staff.find((s) => s.staffId === 'admin'));
    const customer = bank.customers[17]!;
    const read = await client.send(
      new GetCommand({ TableName: names('customers'), Key: { customerId: customer.customerId } }),
    );
    expect(read.Item).toEqual(customer);

    const audit = await scanAll(names('audit'));
    expect(audit.map((a) => [a.entityKey, a.count]).sort()).toEqual([
      ['seed#customers', 200],
      ['seed#orgs', bank.orgs.length],
      ['seed#staff', bank.staff.length],
    ]);
    expect(audit[0]).toMatchObject({ actorId: 'system', action: 'seed', at: now.toISOString() });
    expect(new Set(audit.map((a) => a.correlationId)).size).toBe(1);

    // orgs, then staff, then customers; each table counts up to its total
    expect([...new Set(progress.map((p) => p.table))]).toEqual(['orgs', 'staff', 'customers']);
    expect(progress.filter((p) => p.table === 'customers').at(-1)).toEqual({
      table: 'customers',
      done: 200,
      total: 200,
    });
  });

  it('when loaded again, then the same items are overwritten, not duplicated', async () => {
    await loadDemoBank(client, names, bank);
    expect(await countsOf(names)).toEqual({
      orgs: bank.orgs.length,
      staff: bank.staff.length,
      customers: 200,
    });
    // each load is its own audited event
    expect((await scanAll(names('audit'))).filter((a) => a.entityKey === 'seed#customers')).toHaveLength(2);
  });

  it('retries UnprocessedItems until the batch is written', async () => {
    const fresh = await freshTables();
    const flaky = flakyClient(10);
    const small = generateDemoBank({ seed: 'retry', customers: 30, now });
    await loadDemoBank(flaky.client, fresh, small, undefined, { sleep: async () => {} });
    expect(flaky.calls()).toBeGreaterThan(Math.ceil(small.orgs.length / 25));
    expect(await countsOf(fresh)).toEqual({
      orgs: small.orgs.length,
      staff: small.staff.length,
      customers: 30,
    });
  });

  it('gives up after bounded attempts, and the seed is then not marked complete', async () => {
    const fresh = await freshTables();
    const stuck = flakyClient(1, true);
    const delays: number[] = [];
    const sleep = async (ms: number) => void delays.push(ms);
    await expect(
      loadDemoBank(stuck.client, fresh, emptyBank(now), undefined, {
        maxAttempts: 4,
        baseDelayMs: 100,
        sleep,
      }),
    ).rejects.toBeInstanceOf(SeedWriteIncomplete);
    expect(delays).toHaveLength(3);
    // exponential with jitter: each delay within [½, 1] of 100, 200, 400 ms
    delays.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
    expect(await isSeeded(client, fresh)).toBe(false);
  });

  it('seeds the empty bank: the head office and the admin only, and it counts as seeded', async () => {
    const fresh = await freshTables();
    await loadDemoBank(client, fresh, emptyBank(now));
    expect(await countsOf(fresh)).toEqual({ orgs: 1, staff: 1, customers: 0 });
    expect(await isSeeded(client, fresh)).toBe(true);
  });
});
