// Given the demo bank, a branch manager moves customers between RMs (客户调配): another branch manager
// of the subtree approves, never the requester; an RM outside the customer's subtree is a 409; every
// move is in the customer's history; scope is the org tree like everywhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;
let customers: Customer[];

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 300, streams: false });
  api = apiClient(runtime);
  const page = await runtime.document.send(new ScanCommand({ TableName: runtime.tableName('customers') }));
  customers = (page.Items ?? []) as Customer[];
});
afterAll(() => runtime?.stop());

const bookOf = (staffId: string) => customers.filter((c) => c.managerId === staffId);

/** Requests moving one customer; answers the pending allocation's id. */
const requestMove = async (by: string, customerId: string, toManagerId: string, reason: string) => {
  const created = await api.post(by, '/v1/allocations', { customerIds: [customerId], toManagerId, reason });
  expect(created.status).toBe(201);
  return created.body.allocationId as string;
};

describe('requesting an allocation', () => {
  it('refuses bad input with every failing path', async () => {
    const empty = await api.post('bm-bj-cy', '/v1/allocations', {});
    expect(empty.status).toBe(400);
    const paths = empty.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.toManagerId', 'body.reason']));
    const noCustomers = await api.post('bm-bj-cy', '/v1/allocations', {
      customerIds: [],
      toManagerId: 'rm-bj-cy-wj-02',
      reason: '调岗',
    });
    expect(noCustomers.status).toBe(400);
    expect(noCustomers.body.errors[0].path).toBe('body.customerIds');
    const both = await api.post('bm-bj-cy', '/v1/allocations', {
      customerIds: ['C0000001'],
      fromManagerId: 'rm-bj-cy-wj-01',
      toManagerId: 'rm-bj-cy-wj-02',
      reason: '调岗',
    });
    expect(both.status).toBe(400);
  });

  it('is for branch managers and admins, inside their subtree', async () => {
    const [customer] = bookOf('rm-bj-cy-wj-01');
    const body = { customerIds: [customer!.customerId], toManagerId: 'rm-bj-cy-wj-02', reason: '均衡管户' };
    expect((await api.post('rm-bj-cy-wj-01', '/v1/allocations', body)).status).toBe(403);
    expect((await api.post('marketing', '/v1/allocations', body)).status).toBe(403);
    expect((await api.post('bm-sh', '/v1/allocations', body)).status).toBe(404);
    expect((await api.post('bm-bj-hd', '/v1/allocations', body)).status).toBe(404);
  });

  it('to an RM outside the customer’s org subtree is a conflict (409)', async () => {
    const [customer] = bookOf('rm-bj-cy-wj-01');
    const response = await api.post('bm-bj', '/v1/allocations', {
      customerIds: [customer!.customerId],
      toManagerId: 'rm-bj-hd-zgc-01',
      reason: '跨支行调配',
    });
    expect(response.status).toBe(409);
    expect(response.body.errors[0].path).toBe('body.toManagerId');
    // an RM of another outlet of the same sub-branch works outside the customer's outlet too
    expect(
      (
        await api.post('bm-bj-cy', '/v1/allocations', {
          customerIds: [customer!.customerId],
          toManagerId: 'rm-bj-cy-gm-01',
          reason: '跨网点调配',
        })
      ).status,
    ).toBe(409);
    // an unknown or inactive RM is bad input
    const unknown = await api.post('bm-bj-cy', '/v1/allocations', {
      customerIds: [customer!.customerId],
      toManagerId: 'rm-nobody',
      reason: '调配',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('body.toManagerId');
  });
});

describe('approving an allocation', () => {
  it('moves the customers once a branch manager who is not the requester approves, and keeps history', async () => {
    const moving = bookOf('rm-bj-cy-wj-01').slice(0, 2);
    const created = await api.post('bm-bj-cy', '/v1/allocations', {
      customerIds: moving.map((c) => c.customerId),
      toManagerId: 'rm-bj-cy-wj-02',
      reason: '客户经理调岗',
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    expect(created.body.preview.customers).toBe(2);
    expect(created.body.preview.byFromManager).toEqual({ 'rm-bj-cy-wj-01': 2 });
    const id = created.body.allocationId as string;

    // pending: nothing moved yet
    expect((await api.get('rm-bj-cy-wj-01', `/v1/customers/${moving[0]!.customerId}`)).status).toBe(200);
    // listed for the managers above it, not sideways
    const pendingBj = await api.get('bm-bj', '/v1/allocations?status=pending');
    expect(pendingBj.body.items.map((a: { allocationId: string }) => a.allocationId)).toContain(id);
    const pendingSh = await api.get('bm-sh', '/v1/allocations?status=pending');
    expect(pendingSh.body.items.map((a: { allocationId: string }) => a.allocationId)).not.toContain(id);
    expect((await api.get('bm-bj-hd', `/v1/allocations/${id}`)).status).toBe(404);
    expect((await api.get('bm-bj', `/v1/allocations/${id}`)).status).toBe(200);

    expect((await api.post('bm-bj-cy', `/v1/allocations/${id}/approve`, {})).status).toBe(403);
    expect((await api.post('rm-bj-cy-wj-02', `/v1/allocations/${id}/approve`, {})).status).toBe(403);
    expect((await api.post('admin', `/v1/allocations/${id}/approve`, {})).status).toBe(403);
    expect((await api.post('bm-bj-hd', `/v1/allocations/${id}/approve`, {})).status).toBe(404);
    expect((await api.post('bm-sh', `/v1/allocations/${id}/approve`, {})).status).toBe(404);
    const approved = await api.post('bm-bj', `/v1/allocations/${id}/approve`, { note: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.moved.sort()).toEqual(moving.map((c) => c.customerId).sort());
    expect((await api.post('bm-bj', `/v1/allocations/${id}/approve`, {})).status).toBe(409);
    expect((await api.post('bm-bj', `/v1/allocations/${id}/reject`, {})).status).toBe(409);

    for (const customer of moving) {
      const path = `/v1/customers/${customer.customerId}`;
      expect((await api.get('rm-bj-cy-wj-01', path)).status).toBe(404);
      const now = await api.get('rm-bj-cy-wj-02', path);
      expect(now.body.managerId).toBe('rm-bj-cy-wj-02');
      const history = await api.get('rm-bj-cy-wj-02', `${path}/allocations`);
      expect(history.status).toBe(200);
      expect(history.body.items).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({
        allocationId: id,
        fromManagerId: 'rm-bj-cy-wj-01',
        toManagerId: 'rm-bj-cy-wj-02',
        requestedBy: 'bm-bj-cy',
        approvedBy: 'bm-bj',
      });
      expect((await api.get('bm-bj-cy', `${path}/allocations`)).status).toBe(200);
      expect((await api.get('bm-sh', `${path}/allocations`)).status).toBe(404);
      expect((await api.get('rm-bj-cy-wj-01', `${path}/allocations`)).status).toBe(404);
    }
  });

  it('a rejected allocation moves nothing and cannot be approved after', async () => {
    const [customer] = bookOf('rm-bj-cy-wj-03');
    const id = await requestMove('admin', customer!.customerId, 'rm-bj-cy-wj-01', '试调配');
    const rejected = await api.post('bm-bj-cy', `/v1/allocations/${id}/reject`, { note: '不同意' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await api.post('bm-bj', `/v1/allocations/${id}/approve`, {})).status).toBe(409);
    expect((await api.get('rm-bj-cy-wj-03', `/v1/customers/${customer!.customerId}`)).status).toBe(200);
  });

  it('is never decided by the manager who receives the customers', async () => {
    // a branch manager may hold a book too: moving a customer to bm-bj-cy, bm-bj-cy may not decide it
    const [customer] = bookOf('rm-bj-cy-wj-03').slice(1);
    const id = await requestMove('bm-bj', customer!.customerId, 'bm-bj-cy', '支行长自管');
    const approve = await api.post('bm-bj-cy', `/v1/allocations/${id}/approve`, {});
    expect(approve.status).toBe(403);
    expect(approve.body.detail).toMatch(/receiving/);
    expect((await api.post('bm-bj-cy', `/v1/allocations/${id}/reject`, {})).status).toBe(403);
    expect((await api.get('bm-bj', `/v1/allocations/${id}`)).body.status).toBe('pending');
    expect((await api.get('rm-bj-cy-wj-03', `/v1/customers/${customer!.customerId}`)).status).toBe(200);
  });

  it('splits a leaving RM’s whole book to another RM', async () => {
    const book = bookOf('rm-bj-cy-gm-01');
    expect(book.length).toBeGreaterThan(0);
    const created = await api.post('bm-bj-cy', '/v1/allocations', {
      fromManagerId: 'rm-bj-cy-gm-01',
      toManagerId: 'rm-bj-cy-gm-02',
      reason: '客户经理离职',
    });
    expect(created.status).toBe(201);
    expect(created.body.preview.customers).toBe(book.length);
    const tiers: Record<string, number> = {};
    for (const c of book) tiers[c.tier] = (tiers[c.tier] ?? 0) + 1;
    expect(created.body.preview.byTier).toEqual(tiers);
    const approved = await api.post('bm-bj', `/v1/allocations/${created.body.allocationId}/approve`, {});
    expect(approved.body.moved).toHaveLength(book.length);
    const left = await api.get('bm-bj-cy', '/v1/customers?managerId=rm-bj-cy-gm-01');
    expect(left.body.items).toEqual([]);
  });
});
