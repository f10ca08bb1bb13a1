// The alert port's methods for other capabilities (handover, workbench, timeline, campaign audiences,
// service SMS), on the DynamoDB adapter over DynamoDB Local: only the tables it touches are made.
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { system } from '#infra/declaration/index.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import type { AlertStore } from '#shared/monitoring/ports.js';
import { uniquePrefix } from '../support/local-runtime.js';
import { alertFixture } from '../support/alerts.js';

const TABLES = ['alerts', 'monitoring-aggregates', 'audit'];

const alert = alertFixture;

let store: AlertStore;

beforeAll(async () => {
  const prefix = uniquePrefix('alertport');
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const declared = system.tables.filter((t) => TABLES.includes(t.id));
  await ensureTables(client, prefix, declared);
  for (const table of declared) process.env[tableEnvName(table.id)] = physicalTableName(prefix, table);
  store = dynamoAlertStore(DynamoDBDocumentClient.from(client));
  await Promise.all([
    store.raise(alert('A1', { raisedAt: '2026-11-18T01:00:00.000Z', dueAt: '2026-11-19T03:00:00.000Z' })),
    store.raise(
      alert('A2', {
        raisedAt: '2026-11-18T02:00:00.000Z',
        dueAt: '2026-11-19T01:00:00.000Z',
        status: 'acknowledged',
        sms: {
          status: 'requested',
          kind: 'service',
          text: '您的账户有一笔大额转出',
          template: '您的账户有一笔大额转出',
          purpose: 'relationship',
          idempotencyKey: 'alert#A2',
        },
      }),
    ),
    store.raise(alert('A3', { raisedAt: '2026-11-18T03:00:00.000Z', status: 'closed' })),
    store.raise(
      alert('B1', { customerId: 'C2', managerId: 'rm-b', orgPath: '/HQ/BR2/OUT9/', branchId: 'BR2' }),
    ),
    store.raise(alert('D1', { customerId: 'C3', status: 'closed' })),
  ]);
});

describe('the alert port, for other capabilities', () => {
  it('counts and finds the alerts not closed', async () => {
    expect(await store.openCount(['C1', 'C2', 'C3', 'C-none'])).toBe(3);
    expect(await store.hasOpen('C1')).toBe(true);
    expect(await store.hasOpen('C3')).toBe(false);
    expect(await store.hasOpen('C-none')).toBe(false);
  });

  it("lists an RM's open and acknowledged alerts, soonest due first", async () => {
    const open = await store.openOfManager('rm-a', 10);
    expect(open.map((a) => a.alertId)).toEqual(['A2', 'A1']);
    expect(open[0]).not.toHaveProperty('listKey');
    expect((await store.openOfManager('rm-a', 1)).map((a) => a.alertId)).toEqual(['A2']);
  });

  it('gives the customers with alerts not closed in a subtree, a branch or the head office', async () => {
    const collect = async (orgPath: string) => {
      const ids: string[] = [];
      for await (const page of store.customersWithOpen(orgPath)) ids.push(...page);
      return new Set(ids);
    };
    expect(await collect('/HQ/BR1/')).toEqual(new Set(['C1']));
    expect(await collect('/HQ/BR2/OUT9/')).toEqual(new Set(['C2']));
    expect(await collect('/HQ/')).toEqual(new Set(['C1', 'C2']));
  });

  it("reads a customer's alerts newest first, a page continuing after the last key", async () => {
    const first = await store.history('C1', 2);
    expect(first.items.map((i) => i.value.alertId)).toEqual(['A3', 'A2']);
    expect(first.items[1]!.key).toEqual({
      alertId: 'A2',
      customerId: 'C1',
      raisedKey: '2026-11-18T02:00:00.000Z#A2',
    });
    expect(first.next).toBeDefined();
    const rest = await store.history('C1', 2, first.items[1]!.key);
    expect(rest.items.map((i) => i.value.alertId)).toEqual(['A1']);
  });

  it('moves a service SMS only from the state it is in', async () => {
    expect(await store.moveServiceSms('A2', 'requested', { status: 'sending', claimedAt: 'now' })).toBe(true);
    expect(await store.moveServiceSms('A2', 'requested', { status: 'sending', claimedAt: 'again' })).toBe(
      false,
    );
    expect(await store.moveServiceSms('A1', 'requested', { status: 'sending' })).toBe(false);
    const sms = (await store.get('A2'))?.sms as unknown as Record<string, unknown>;
    expect(sms).toMatchObject({ status: 'sending', claimedAt: 'now', kind: 'service' });
    expect(
      await store.moveServiceSms('A2', 'sending', { status: 'sent', reason: undefined, at: 'later' }),
    ).toBe(true);
    expect((await store.get('A2'))?.sms).not.toHaveProperty('reason');
  });

  it("hands a customer's alerts not closed to a new RM, on the version read, once", async () => {
    expect(await store.reassignOpen('C1', 'rm-new')).toBe(2);
    expect(await store.reassignOpen('C1', 'rm-new')).toBe(0);
    const moved = await store.get('A1');
    expect(moved).toMatchObject({ managerId: 'rm-new', previousManagerId: 'rm-a', version: 2 });
    expect((await store.get('A3'))?.managerId).toBe('rm-a'); // closed: stays with who closed it
    expect((await store.openOfManager('rm-new', 10)).map((a) => a.alertId)).toEqual(['A2', 'A1']);
    expect(await store.openOfManager('rm-a', 10)).toEqual([]);
    const page = await store.byManager('rm-new', { status: 'open' }, 10);
    expect(page.items.map((a) => a.alertId)).toEqual(['A1']);
  });
});
