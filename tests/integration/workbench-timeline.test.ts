// Given a customer with transactions, tier changes, contacts logged by the RM and a transfer, the
// timeline merges them newest first, and any page size gives every event exactly once in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { transaction } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;
let customer: Customer;
const expected: { at: string; kind: string; id: string }[] = [];

const allPages = async (as: string, limit: number) => {
  const items: { at: string; kind: string; id: string }[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const { status, body } = await api.get(
      as,
      `/v1/customers/${customer.customerId}/timeline?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(status).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return items;
};

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 300, streams: false, now: '2026-11-20T08:00:00Z' });
  api = apiClient(runtime);
  const page = await runtime.document.send(new ScanCommand({ TableName: runtime.tableName('customers') }));
  customer = ((page.Items ?? []) as Customer[]).find((c) => c.managerId === 'rm-bj-cy-wj-01')!;
  // the consent the demo bank recorded at account opening (its ledger entries) is on the timeline too
  const ledger = await runtime.document.send(
    new QueryCommand({
      TableName: runtime.tableName('sms-consent'),
      KeyConditionExpression: 'subject = :s AND begins_with(entry, :log)',
      ExpressionAttributeValues: { ':s': `customer#${customer.customerId}`, ':log': 'LOG#' },
    }),
  );
  for (const item of ledger.Items ?? [])
    expected.push({ at: String(item.at), kind: 'sms_consent', id: String(item.entry).slice('LOG#'.length) });

  const transactions = [1, 5, 9, 13, 17].map((h, i) =>
    transaction({
      customerId: customer.customerId,
      bookedAt: `2026-11-1${i}T${String(h).padStart(2, '0')}:00:00.000Z`,
      businessDate: `2026-11-1${i}`,
    }),
  );
  expect((await api.post('core-banking', '/v1/transactions', { transactions })).status).toBeLessThan(300);
  for (const t of transactions) expected.push({ at: t.bookedAt, kind: 'transaction', id: t.transactionId });

  // tier changes, as tiering writes them
  for (const [i, at] of ['2026-11-12T03:00:00.000Z', '2026-11-15T03:00:00.000Z'].entries()) {
    const changeId = `${String(i + 1).padStart(10, '0')}.0`;
    await runtime.document.send(
      new PutCommand({
        TableName: runtime.tableName('tier-changes'),
        Item: {
          customerId: customer.customerId,
          changeId,
          at,
          fromTier: 'standard',
          toTier: 'gold',
          direction: 'upgrade',
        },
      }),
    );
    expected.push({ at, kind: 'tier_change', id: changeId });
  }

  for (const [i, at] of [
    '2026-11-11T05:30:00.000Z',
    '2026-11-14T05:30:00.000Z',
    '2026-11-16T05:30:00.000Z',
  ].entries()) {
    const logged = await api.post('rm-bj-cy-wj-01', `/v1/customers/${customer.customerId}/contacts`, {
      channel: i === 1 ? 'visit' : 'phone',
      note: `第${i + 1}次联系：介绍理财产品`,
      occurredAt: at,
    });
    expect(logged.status).toBe(201);
    expected.push({ at, kind: 'contact', id: logged.body.contactId });
  }
  const now = await api.post('rm-bj-cy-wj-01', `/v1/customers/${customer.customerId}/contacts`, {
    channel: 'wechat',
    note: '微信回访',
  });
  expected.push({ at: now.body.at, kind: 'contact', id: now.body.contactId });

  const allocation = await api.post('bm-bj-cy', '/v1/allocations', {
    customerIds: [customer.customerId],
    toManagerId: 'rm-bj-cy-wj-02',
    reason: '调岗',
  });
  const approved = await api.post('bm-bj', `/v1/allocations/${allocation.body.allocationId}/approve`, {});
  expect(approved.status).toBe(200);
  expected.push({ at: approved.body.decidedAt, kind: 'transfer', id: allocation.body.allocationId });
  expected.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
});
afterAll(() => runtime?.stop());

describe('customer timeline', () => {
  it('merges every source newest first', async () => {
    const { status, body } = await api.get('rm-bj-cy-wj-02', `/v1/customers/${customer.customerId}/timeline`);
    expect(status).toBe(200);
    expect(
      body.items.map((e: { at: string; kind: string; id: string }) => ({ at: e.at, kind: e.kind, id: e.id })),
    ).toEqual(expected);
    expect(body.nextCursor).toBeUndefined();
    const contact = body.items.find((e: { kind: string }) => e.kind === 'contact');
    expect(contact.detail).toMatchObject({ channel: 'wechat', note: '微信回访', staffId: 'rm-bj-cy-wj-01' });
  });

  it('gives every event exactly once, in order, whatever the page size', async () => {
    for (const limit of [1, 2, 3, 4, 7]) {
      const items = await allPages('bm-bj', limit);
      expect(
        items.map((e) => e.id),
        `limit ${limit}`,
      ).toEqual(expected.map((e) => e.id));
    }
  });

  it('is scoped like the customer', async () => {
    const path = `/v1/customers/${customer.customerId}/timeline`;
    expect((await api.get('rm-bj-cy-wj-01', path)).status).toBe(404); // transferred away
    expect((await api.get('bm-bj-hd', path)).status).toBe(404);
    expect((await api.get('bm-sh', path)).status).toBe(404);
    expect((await api.get('bm-bj-cy', path)).status).toBe(200);
    expect((await api.get('admin', path)).status).toBe(200);
    expect((await api.get('admin', `${path}?cursor=nonsense`)).status).toBe(400);
  });
});

describe('logging a contact', () => {
  it('is for the customer’s RM and managers above, and refuses bad input with paths', async () => {
    const path = `/v1/customers/${customer.customerId}/contacts`;
    const body = { channel: 'phone', note: '电话回访' };
    expect((await api.post('marketing', path, body)).status).toBe(403);
    expect((await api.post('rm-bj-cy-wj-01', path, body)).status).toBe(404);
    expect((await api.post('bm-sh', path, body)).status).toBe(404);
    expect((await api.post('bm-bj-cy', path, body)).status).toBe(201);
    const bad = await api.post('rm-bj-cy-wj-02', path, { channel: 'pigeon', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.channel',
      'body.note',
    ]);
    const future = await api.post('rm-bj-cy-wj-02', path, { ...body, occurredAt: '2030-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('body.occurredAt');
  });
});
