// Given the demo bank streamed through the data-quality handler, the data-quality and tier-distribution
// reports equal sums computed directly from the customers table, at every level; the workbench shows
// an RM their book and fix-its in tier × gap order; a change to a customer moves the figures once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { TIERS } from '#shared/customers/customer.js';
import { scoreCustomer, fixPriority } from '#shared/data-quality/score.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;

const scanCustomers = async (): Promise<Customer[]> => {
  const items: Customer[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await runtime.document.send(
      new ScanCommand({ TableName: runtime.tableName('customers'), ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as Customer[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

const model = (customers: Customer[]) => {
  const scores = customers.map((c) => scoreCustomer(c).score);
  const sum = scores.reduce((a, b) => a + b, 0);
  return {
    customers: customers.length,
    averageScore: customers.length ? Math.round((sum / customers.length) * 10) / 10 : null,
    byTier: Object.fromEntries(TIERS.map((t) => [t, customers.filter((c) => c.tier === t).length])),
  };
};

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 300, now: '2026-11-20T08:00:00Z' });
  api = apiClient(runtime);
  await runtime.drained();
});
afterAll(() => runtime?.stop());

describe('data quality and tier distribution from the customers stream', () => {
  it('equal the sums over the customers table at every level', async () => {
    const customers = await scanCustomers();
    const dq = await api.get('admin', '/v1/reports/data-quality');
    expect(dq.status).toBe(200);
    const all = model(customers);
    expect(dq.body.totals).toMatchObject({ customers: all.customers, averageScore: all.averageScore });
    for (const row of dq.body.orgs) {
      const m = model(customers.filter((c) => c.orgPath.includes(`/${row.orgId}/`)));
      expect(row, row.orgId).toMatchObject({ customers: m.customers, averageScore: m.averageScore });
    }
    const bj = await api.get('bm-bj', '/v1/reports/data-quality?orgId=BJ-CY');
    for (const row of bj.body.managers) {
      const m = model(customers.filter((c) => c.managerId === row.staffId));
      expect(row, row.staffId).toMatchObject({ customers: m.customers, averageScore: m.averageScore });
    }
    // a league table: best first
    const scores = bj.body.managers.map((r: { averageScore: number }) => r.averageScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const tiers = await api.get('bm-bj', '/v1/reports/tier-distribution?orgId=BJ');
    expect(tiers.status).toBe(200);
    expect(tiers.body.totals).toEqual({
      customers: model(customers.filter((c) => c.orgPath.startsWith('/HO/BJ/'))).customers,
      byTier: model(customers.filter((c) => c.orgPath.startsWith('/HO/BJ/'))).byTier,
    });
    for (const row of tiers.body.orgs) {
      expect(row.byTier, row.orgId).toEqual(
        model(customers.filter((c) => c.orgPath.includes(`/${row.orgId}/`))).byTier,
      );
    }
  });

  it('moves once when a customer changes, and shows in the customer 360', async () => {
    const customers = await scanCustomers();
    const target = customers.find((c) => c.managerId === 'rm-bj-cy-wj-01' && c.phone)!;
    const before = scoreCustomer(target).score;
    const patched = await api.patch('rm-bj-cy-wj-01', `/v1/customers/${target.customerId}`, { phone: null });
    expect(patched.status).toBe(200);
    await runtime.drained();
    const view = await api.get('rm-bj-cy-wj-01', `/v1/customers/${target.customerId}`);
    expect(view.body.dataQuality.score).toBe(before - 25);
    expect(view.body.dataQuality.gaps).toContain('phone');
    const after = await scanCustomers();
    const wj = await api.get('bm-bj-cy', '/v1/reports/data-quality?orgId=BJ-CY-WJ');
    expect(wj.body.totals).toMatchObject({
      customers: model(after.filter((c) => c.orgId === 'BJ-CY-WJ')).customers,
      averageScore: model(after.filter((c) => c.orgId === 'BJ-CY-WJ')).averageScore,
    });
    expect(wj.body.totals.gaps.phone).toBe(after.filter((c) => c.orgId === 'BJ-CY-WJ' && !c.phone).length);
  });

  it('is scoped and refuses bad input with paths', async () => {
    expect((await api.get('rm-bj-cy-wj-01', '/v1/reports/data-quality')).status).toBe(403);
    expect((await api.get('bm-sh', '/v1/reports/data-quality?orgId=BJ')).status).toBe(404);
    expect((await api.get('bm-bj-hd', '/v1/reports/tier-distribution?orgId=BJ-CY')).status).toBe(404);
    expect((await api.get('marketing', '/v1/reports/tier-distribution?orgId=SH')).status).toBe(200);
    const bad = await api.get('admin', '/v1/reports/data-quality?orgId=%20&period=2026-1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.orgId',
      'query.period',
    ]);
  });
});

describe('workbench', () => {
  it('shows an RM their book by tier and fix-its by tier × gap, from counters', async () => {
    const customers = (await scanCustomers()).filter((c) => c.managerId === 'rm-bj-cy-wj-02');
    const { status, body } = await api.get('rm-bj-cy-wj-02', '/v1/workbench?fixes=50');
    expect(status).toBe(200);
    expect(body.myCustomers).toMatchObject({ customers: customers.length, byTier: model(customers).byTier });
    const expectedFixes = customers.filter((c) => scoreCustomer(c).gaps.length > 0);
    expect(body.dataQualityFixes).toHaveLength(Math.min(50, expectedFixes.length));
    const priorities = body.dataQualityFixes.map((f: { priority: number }) => f.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    for (const fix of body.dataQualityFixes)
      expect(fix.priority).toBe(
        fixPriority(fix.tier, scoreCustomer(customers.find((c) => c.customerId === fix.customerId)!).score),
      );
    expect(body.allocationsToDecide).toBeUndefined();
  });

  it('shows a branch manager their subtree and the allocations waiting for them', async () => {
    const customer = (await scanCustomers()).find((c) => c.managerId === 'rm-bj-cy-wj-01')!;
    const created = await api.post('bm-bj-cy', '/v1/allocations', {
      customerIds: [customer.customerId],
      toManagerId: 'rm-bj-cy-wj-02',
      reason: '调配',
    });
    const bj = await api.get('bm-bj', '/v1/workbench');
    expect(bj.status).toBe(200);
    expect(bj.body.allocationsToDecide.map((a: { allocationId: string }) => a.allocationId)).toContain(
      created.body.allocationId,
    );
    expect(bj.body.subtree.customers).toBe(
      (await scanCustomers()).filter((c) => c.orgPath.startsWith('/HO/BJ/')).length,
    );
    // the requester is not asked to decide their own request
    const cy = await api.get('bm-bj-cy', '/v1/workbench');
    expect(cy.body.allocationsToDecide.map((a: { allocationId: string }) => a.allocationId)).not.toContain(
      created.body.allocationId,
    );
    expect((await api.get('bm-sh', '/v1/workbench')).body.allocationsToDecide).toEqual([]);
    expect((await api.get('marketing', '/v1/workbench')).status).toBe(403);
    expect((await api.get('admin', '/v1/workbench')).status).toBe(403);
    expect((await api.get('rm-bj-cy-wj-01', '/v1/workbench?fixes=0')).status).toBe(400);
  });
});
