// HTTP → ledger → stream → aggregates → leaderboards, on DynamoDB Local through the local runtime:
// staff and child units ranked per period, metric and category, the caller's own rank, scope rules,
// reversals taken back out, org counters spread over write shards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { DEFAULT_ORG_SHARDS } from '#shared/performance/settings.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';

let runtime: LocalRuntime;
let api: ApiClient;
const entries: Record<string, { entryId: string }> = {};

const WJ1 = 'rm-bj-cy-wj-01';
const WJ2 = 'rm-bj-cy-wj-02';
const GM1 = 'rm-bj-cy-gm-01';
const ZGC1 = 'rm-bj-hd-zgc-01';
const LJZ1 = 'rm-sh-pd-ljz-01';

let sequence = 0;
const register = async (
  name: string,
  customerId: string,
  productId: string,
  amountFen: number,
  credits: [string, number][],
  occurredAt = '2026-11-20T03:00:00Z',
) => {
  const { status, body } = await api.post('core-banking', '/v1/performance', {
    channel: 'batch',
    externalRef: `LB-${++sequence}`,
    customerId,
    productId,
    amountFen,
    credits: credits.map(([staffId, sharePct]) => ({ staffId, sharePct })),
    occurredAt,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  entries[name] = body;
};

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 3, now: '2026-11-20T06:00:00.000Z' });
  api = apiClient(runtime);
  const customers = [
    { customerId: 'LB-WJ', orgId: 'BJ-CY-WJ', managerId: WJ1 },
    { customerId: 'LB-GM', orgId: 'BJ-CY-GM', managerId: GM1 },
    { customerId: 'LB-HD', orgId: 'BJ-HD-ZGC', managerId: ZGC1 },
    { customerId: 'LB-SH', orgId: 'SH-PD-LJZ', managerId: LJZ1 },
  ];
  for (const c of customers) {
    expect(
      (await api.post('admin', '/v1/customers', { name: '排行客户', riskLevel: 'C5', ...c })).status,
    ).toBe(201);
  }
  for (const p of [
    {
      code: 'LB-WM',
      name: '理财',
      category: 'wealth',
      riskLevel: 'R2',
      weightBp: 15_000,
      saleStart: '2026-01-01',
    },
    {
      code: 'LB-FD',
      name: '基金',
      category: 'fund',
      riskLevel: 'R3',
      weightBp: 10_000,
      saleStart: '2026-01-01',
    },
  ]) {
    expect((await api.post('admin', '/v1/products', p)).status).toBe(201);
  }
  await register('wj', 'LB-WJ', 'LB-WM', 1_000_000, [[WJ1, 100]]);
  await register('wjShared', 'LB-WJ', 'LB-FD', 500_000, [
    [WJ1, 50],
    [WJ2, 50],
  ]);
  await register('gm', 'LB-GM', 'LB-WM', 2_000_000, [[GM1, 100]]);
  await register('hd', 'LB-HD', 'LB-FD', 3_000_000, [[ZGC1, 100]]);
  await register('sh', 'LB-SH', 'LB-WM', 100_000, [[LJZ1, 100]]);
  await register('october', 'LB-WJ', 'LB-WM', 400_000, [[WJ2, 100]], '2026-10-15T03:00:00Z');
  await runtime.drained();
});
afterAll(() => runtime?.stop());

const board = async (as: string, query = '') => {
  const { status, body } = await api.get(as, `/v1/leaderboards${query ? `?${query}` : ''}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
};
const ranks = (rows: { rank: number; staffId?: string; orgId: string }[]) =>
  rows.map((r) => [r.staffId ?? r.orgId, r.rank]);

describe('leaderboards', () => {
  it('rank the subtree’s staff and child units by points this month, with the caller’s own rank', async () => {
    const body = await board('bm-bj-cy');
    expect(body).toMatchObject({ orgId: 'BJ-CY', period: '2026-11', metric: 'points' });
    expect(body.total).toEqual({ amountFen: 3_500_000, points: 5_000_000, count: 3 });
    expect(body.items).toEqual([
      expect.objectContaining({
        rank: 1,
        staffId: GM1,
        orgId: 'BJ-CY-GM',
        amountFen: 2_000_000,
        points: 3_000_000,
        count: 1,
      }),
      expect.objectContaining({
        rank: 2,
        staffId: WJ1,
        orgId: 'BJ-CY-WJ',
        amountFen: 1_250_000,
        points: 1_750_000,
        count: 2,
      }),
      expect.objectContaining({ rank: 3, staffId: WJ2, amountFen: 250_000, points: 250_000, count: 1 }),
    ]);
    expect(typeof body.items[0].name).toBe('string');
    expect(ranks(body.units)).toEqual([
      ['BJ-CY-GM', 1],
      ['BJ-CY-WJ', 2],
    ]);
    expect(body.units[1]).toMatchObject({ amountFen: 1_500_000, points: 2_000_000, count: 2 });
    // the branch manager sold nothing: ranked after everyone who did
    expect(body.me).toMatchObject({ staffId: 'bm-bj-cy', rank: 4, points: 0 });
    expect(body.myUnit).toBeUndefined();
  });

  it('by amount or count, and within a product category (ties share a rank)', async () => {
    expect(ranks((await board('bm-bj-cy', 'metric=count')).items)).toEqual([
      [WJ1, 1],
      [GM1, 2],
      [WJ2, 2],
    ]);
    const funds = await board('bm-bj-cy', 'metric=amount&category=fund');
    expect(funds.category).toBe('fund');
    expect(ranks(funds.items)).toEqual([
      [WJ1, 1],
      [WJ2, 1],
    ]);
    expect(funds.total).toEqual({ amountFen: 500_000, points: 500_000, count: 1 });
    expect(ranks(funds.units)).toEqual([
      ['BJ-CY-WJ', 1],
      ['BJ-CY-GM', 2],
    ]);
  });

  it('across the bank for head office: every branch, its staff, the branches ranked', async () => {
    const body = await board('admin', 'orgId=HO&metric=amount');
    expect(body.total).toEqual({ amountFen: 6_600_000, points: 8_150_000, count: 5 });
    expect(ranks(body.items)).toEqual([
      [ZGC1, 1],
      [GM1, 2],
      [WJ1, 3],
      [WJ2, 4],
      [LJZ1, 5],
    ]);
    expect(ranks(body.units)).toEqual([
      ['BJ', 1],
      ['SH', 2],
      ['GZ', 3],
    ]);
    expect(body.units[2]).toMatchObject({ amountFen: 0, points: 0, count: 0 });
    expect(body.me).toBeUndefined(); // an admin earns no credit, so has no standing of their own
  });

  it('per period: a day, another month, the quarter and the year', async () => {
    expect((await board('bm-bj-cy', 'period=2026-11-20')).total.count).toBe(3);
    expect((await board('bm-bj-cy', 'period=2026-11-19')).total.count).toBe(0);
    const october = await board('bm-bj-cy', 'period=2026-10');
    expect(ranks(october.items)).toEqual([[WJ2, 1]]);
    expect(october.total).toEqual({ amountFen: 400_000, points: 600_000, count: 1 });
    const quarter = await board('bm-bj-cy', 'period=2026-Q4');
    expect(quarter.total).toEqual({ amountFen: 3_900_000, points: 5_600_000, count: 4 });
    expect(quarter.items.find((r: { staffId: string }) => r.staffId === WJ2)).toMatchObject({
      amountFen: 650_000,
      count: 2,
    });
    expect((await board('bm-bj-cy', 'period=2026')).total).toEqual(quarter.total);
    expect((await board('bm-bj-cy', 'period=2025')).total.count).toBe(0);
  });

  it('an RM sees their own unit’s board with their rank, and nothing wider', async () => {
    const body = await board(WJ1);
    expect(body.orgId).toBe('BJ-CY-WJ');
    expect(ranks(body.items)).toEqual([
      [WJ1, 1],
      [WJ2, 2],
    ]);
    expect(body.me).toMatchObject({ staffId: WJ1, rank: 1, points: 1_750_000 });
    expect(body.units).toEqual([]);
    expect((await api.get(WJ1, '/v1/leaderboards?orgId=BJ-CY')).status).toBe(404);
    expect((await api.get(WJ1, '/v1/leaderboards?orgId=BJ-CY-GM')).status).toBe(404);
    const other = await board('rm-bj-cy-wj-03');
    expect(other.me).toMatchObject({ staffId: 'rm-bj-cy-wj-03', rank: 3, points: 0 });
  });

  it('a manager sees their subtree only; channels do not read leaderboards', async () => {
    const bj = await board('bm-bj');
    expect(bj.orgId).toBe('BJ');
    expect(ranks(bj.units)).toEqual([
      ['BJ-CY', 1],
      ['BJ-HD', 2],
    ]);
    expect(bj.me).toMatchObject({ staffId: 'bm-bj', rank: 5 });
    const zgcView = await board('bm-bj-hd', 'orgId=BJ-HD-ZGC');
    expect(ranks(zgcView.items)).toEqual([[ZGC1, 1]]);
    expect(zgcView.me).toBeUndefined(); // the sub-branch manager works above the outlet
    expect((await api.get('bm-sh', '/v1/leaderboards?orgId=BJ')).status).toBe(404);
    expect((await api.get('core-banking', '/v1/leaderboards')).status).toBe(403);
    expect((await api.get('marketing', '/v1/leaderboards?orgId=HO')).status).toBe(200);
  });

  it('page by page, and bad queries are 400', async () => {
    const all = (await board('admin', 'orgId=HO')).items;
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const body = await board('admin', `orgId=HO&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    for (const query of [
      'metric=profit',
      'period=2026-13',
      'period=2026-Q5',
      'category=crypto',
      'orgId=bad%20id',
    ]) {
      expect((await api.get('admin', `/v1/leaderboards?${query}`)).status, query).toBe(400);
    }
  });

  it('a reversal takes the sale back out of every aggregate', async () => {
    const reversed = await api.post('bm-bj-cy', `/v1/performance/${entries.gm!.entryId}/reverse`, {
      reason: '客户撤单',
    });
    expect(reversed.status).toBe(201);
    await runtime.drained();
    const body = await board('bm-bj-cy');
    expect(body.total).toEqual({ amountFen: 1_500_000, points: 2_000_000, count: 2 });
    expect(ranks(body.items)).toEqual([
      [WJ1, 1],
      [WJ2, 2],
    ]);
    expect(body.units.find((u: { orgId: string }) => u.orgId === 'BJ-CY-GM')).toMatchObject({
      amountFen: 0,
      points: 0,
      count: 0,
      rank: 2,
    });
    expect((await board('admin', 'orgId=HO&period=2026')).total).toEqual({
      amountFen: 5_000_000,
      points: 5_750_000,
      count: 5,
    });
  });

  it('keeps org counters in write shards, summed on read', async () => {
    const { Items = [] } = await runtime.document.send(
      new ScanCommand({
        TableName: runtime.tableName('performance-aggregates'),
        FilterExpression: 'begins_with(pk, :ho) AND sk = :year',
        ExpressionAttributeValues: { ':ho': 'O#HO#', ':year': '2026' },
      }),
    );
    expect(Items.length).toBeGreaterThan(1);
    for (const item of Items) {
      const shard = Number(String(item.pk).split('#')[2]);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(DEFAULT_ORG_SHARDS);
    }
    expect(Items.reduce((sum, item) => sum + Number(item.count), 0)).toBe(5);
    expect(await runtime.streams.deadLetters()).toEqual([]);
  });
});
