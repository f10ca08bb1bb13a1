// Given a small demo bank with balances and an open alert, a branch manager previews an allocation
// (POST /v1/allocations/preview) before asking: what leaves each current RM for the receiving RM —
// customers, tier mix, AUM, open alerts. The preview equals what the request then records; it is for
// branch managers and admins only, inside their subtree, with the request's checks; bad input is a
// problem+json naming every failing field, and a preview writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { scanAll, type ApiClient } from '../support/local-runtime.js';
import { expectProblem, tableDigest } from '../support/requests.js';
import { aBank, customersWithBalances } from '../support/steps/index.js';

const NOW = '2026-11-20T02:00:00.000Z';
const YUAN = 100;
const PREVIEW = '/v1/allocations/preview';

let runtime: LocalRuntime;
let api: ApiClient;
let customers: Customer[];

const bookOf = (staffId: string) => customers.filter((c) => c.managerId === staffId);

beforeAll(async () => {
  const bank = await aBank({ customers: 300, now: NOW });
  ({ runtime, api } = bank);
  customers = await scanAll<Customer>(runtime, 'customers');
  // balances for two customers of wj-01 (one ¥600,000 deposit raises a large-transaction alert)
  const [rich, modest] = bookOf('rm-bj-cy-wj-01');
  await customersWithBalances(bank, {
    [rich!.customerId]: [{ amountFen: 600_000 * YUAN, channel: 'mobile', bookedAt: NOW }],
    [modest!.customerId]: [{ amountFen: 80_000 * YUAN, channel: 'mobile', bookedAt: NOW }],
  });
});
afterAll(() => runtime?.stop());

describe('POST /v1/allocations/preview', () => {
  it('shows what leaves each RM for the receiving RM, and the request records the same', async () => {
    const fromWj1 = bookOf('rm-bj-cy-wj-01').slice(0, 3);
    const fromWj3 = bookOf('rm-bj-cy-wj-03').slice(0, 1);
    const moving = [...fromWj1, ...fromWj3];
    const target = { customerIds: moving.map((c) => c.customerId), toManagerId: 'rm-bj-cy-wj-02' };

    const preview = await api.post('bm-bj-cy', PREVIEW, target);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const tiers = (list: Customer[]) => {
      const byTier: Record<string, number> = {};
      for (const c of list) byTier[c.tier] = (byTier[c.tier] ?? 0) + 1;
      return byTier;
    };
    const alerts = await scanAll<{ customerId: string; status: string }>(runtime, 'alerts');
    const openOf = (list: Customer[]) =>
      alerts.filter((a) => a.status !== 'closed' && list.some((c) => c.customerId === a.customerId)).length;
    expect(openOf(fromWj1)).toBeGreaterThan(0); // the ¥600,000 deposit's
    expect(preview.body.toManagerId).toBe('rm-bj-cy-wj-02');
    expect(preview.body.flows).toEqual([
      {
        fromManagerId: 'rm-bj-cy-wj-01',
        toManagerId: 'rm-bj-cy-wj-02',
        customers: 3,
        byTier: tiers(fromWj1),
        aumFen: 680_000 * YUAN,
        customersWithAum: 2,
        openAlerts: openOf(fromWj1),
      },
      {
        fromManagerId: 'rm-bj-cy-wj-03',
        toManagerId: 'rm-bj-cy-wj-02',
        customers: 1,
        byTier: tiers(fromWj3),
        aumFen: 0,
        customersWithAum: 0,
        openAlerts: openOf(fromWj3),
      },
    ]);
    expect(preview.body.total).toEqual({
      customers: 4,
      byTier: tiers(moving),
      aumFen: 680_000 * YUAN,
      customersWithAum: 2,
      openAlerts: openOf(moving),
    });

    // the request then records the same figures
    const created = await api.post('bm-bj-cy', '/v1/allocations', { ...target, reason: '均衡管户' });
    expect(created.status).toBe(201);
    const { byFromManager, ...recorded } = created.body.preview;
    expect(recorded).toEqual(preview.body.total);
    expect(byFromManager).toEqual({ 'rm-bj-cy-wj-01': 3, 'rm-bj-cy-wj-03': 1 });
  });

  it('previews a leaving RM’s whole book', async () => {
    const book = bookOf('rm-bj-cy-gm-01');
    const preview = await api.post('bm-bj', PREVIEW, {
      fromManagerId: 'rm-bj-cy-gm-01',
      toManagerId: 'rm-bj-cy-gm-02',
    });
    expect(preview.status).toBe(200);
    expect(preview.body.total.customers).toBe(book.length);
    expect(preview.body.flows).toHaveLength(1);
    expect(preview.body.flows[0]).toMatchObject({
      fromManagerId: 'rm-bj-cy-gm-01',
      customers: book.length,
    });
  });

  it('is for branch managers and admins (403 for every other role)', async () => {
    const [customer] = bookOf('rm-bj-cy-wj-03');
    const body = { customerIds: [customer!.customerId], toManagerId: 'rm-bj-cy-wj-02' };
    for (const who of ['rm-bj-cy-wj-03', 'marketing', 'auditor', 'core-banking']) {
      const refused = await api.post(who, PREVIEW, body);
      expect(refused.status, who).toBe(403);
      expectProblem(refused, who);
    }
    expect((await api.post('admin', PREVIEW, body)).status).toBe(200);
  });

  it('shows nothing outside the caller’s subtree (404), and the request’s placement rule (409)', async () => {
    const [customer] = bookOf('rm-bj-cy-wj-03');
    const outside = await api.post('bm-sh', PREVIEW, {
      customerIds: [customer!.customerId],
      toManagerId: 'rm-bj-cy-wj-02',
    });
    expect(outside.status).toBe(404);
    expectProblem(outside, 'out of scope');
    // a sideways sub-branch sees neither the customers nor the leaving RM's book
    const sideways = await api.post('bm-bj-hd', PREVIEW, {
      fromManagerId: 'rm-bj-cy-wj-03',
      toManagerId: 'rm-bj-hd-zgc-01',
    });
    expect(sideways.status).toBe(400);
    expect(sideways.body.errors[0].path).toBe('body.fromManagerId');
    const placement = await api.post('bm-bj', PREVIEW, {
      customerIds: [customer!.customerId],
      toManagerId: 'rm-bj-hd-zgc-01',
    });
    expect(placement.status).toBe(409);
    expect(placement.body.errors[0].path).toBe('body.toManagerId');
  });

  it('refuses bad input listing every failing field, and writes nothing', async () => {
    const before = await tableDigest(runtime);
    const [customer] = bookOf('rm-bj-cy-wj-03');
    const empty = await api.post('bm-bj-cy', PREVIEW, {});
    expectProblem(empty, 'empty');
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.toManagerId', 'body.customerIds']),
    );
    const wrong = await api.post('bm-bj-cy', PREVIEW, {
      customerIds: ['not a customer!', customer!.customerId, customer!.customerId],
      toManagerId: '',
      reason: 7,
    });
    expect(wrong.status).toBe(400);
    const paths = wrong.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.customerIds.0', 'body.customerIds', 'body.toManagerId']),
    );
    expect(paths.some((p: string) => p === 'body' || p.startsWith('body.reason'))).toBe(true);
    const already = await api.post('bm-bj-cy', PREVIEW, {
      customerIds: [customer!.customerId],
      toManagerId: 'rm-bj-cy-wj-03',
    });
    expect(already.status).toBe(400);
    expect(already.body.errors[0].path).toBe('body.customerIds.0');
    // previews of every kind above, none of them written
    await api.post('bm-bj-cy', PREVIEW, {
      customerIds: [customer!.customerId],
      toManagerId: 'rm-bj-cy-wj-02',
    });
    expect(await tableDigest(runtime)).toEqual(before);
  });
});
