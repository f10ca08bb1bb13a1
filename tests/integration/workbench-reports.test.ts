// Given the demo bank and a day of transactions and sales through the real streams, the management
// reports (AUM change, tier migration, performance) equal sums computed directly from the seeded data
// at every level, download as CSV, keep to the caller's subtree and refuse bad input with paths; the
// workbench shows an RM their alerts by due time, maturities, tier moves and rank; an allocation
// hands open alerts over; a new private-banking customer is proposed for a private-banking RM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { Customer } from '#shared/customers/customer.js';
import { apiClient, startTestRuntime, type ApiClient, scanAll } from '../support/local-runtime.js';
import { aPostedBatch } from '../support/steps/index.js';

const NOW = '2026-11-20T02:00:00.000Z';
const MONTH = '2026-11';
let runtime: LocalRuntime;
let api: ApiClient;
let customers: Customer[];
const posted: { transactionId: string; customerId: string; amountFen: number }[] = [];

const scan = <T>(table: string): Promise<T[]> => scanAll<T>(runtime, table);

let sequence = 0;
const transaction = (customer: Customer, amountFen: number) => {
  const t = {
    transactionId: `WR-${++sequence}`,
    customerId: customer.customerId,
    accountId: `${customer.customerId}-1`,
    assetClass: 'deposit',
    amountFen,
    direction: amountFen > 0 ? 'in' : 'out',
    channel: 'mobile',
    bookedAt: NOW,
    businessDate: '2026-11-20',
  };
  posted.push({ transactionId: t.transactionId, customerId: t.customerId, amountFen });
  return t;
};

const post = (transactions: unknown[]) => aPostedBatch({ runtime, api }, transactions);

const byId = (id: string) => customers.find((c) => c.customerId === id)!;
const sums = (filter: (c: Customer) => boolean) => {
  const mine = posted.filter((t) => filter(byId(t.customerId)));
  return {
    transactions: mine.length,
    inFen: mine.filter((t) => t.amountFen > 0).reduce((s, t) => s + t.amountFen, 0),
    outFen: mine.filter((t) => t.amountFen < 0).reduce((s, t) => s - t.amountFen, 0),
    netFen: mine.reduce((s, t) => s + t.amountFen, 0),
  };
};

// two RMs of one outlet, each with at least two customers
let outletRms: [string, string];
let rmA: Customer[];
let rmB: Customer[];

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 120, now: NOW });
  api = apiClient(runtime);
  await runtime.drained();
  customers = await scan<Customer>('customers');
  const byRm = new Map<string, Customer[]>();
  for (const c of customers) byRm.set(c.managerId, [...(byRm.get(c.managerId) ?? []), c]);
  const pair = [...byRm.keys()]
    .filter((rm) => rm.startsWith('rm-bj-') && byRm.get(rm)!.length >= 2)
    .map((rm) => [rm, [...byRm.keys()].find((o) => o !== rm && o.slice(0, -3) === rm.slice(0, -3))] as const)
    .find(([, other]) => other && byRm.get(other)!.length >= 2)!;
  outletRms = [pair[0], pair[1]!];
  rmA = byRm.get(outletRms[0])!;
  rmB = byRm.get(outletRms[1])!;
  // a day of movements across the bank: a large deposit each (¥2m on the 20th guarantees a gold month,
  // and raises a large-transaction alert) and a withdrawal
  const movers = [
    ...rmA.slice(0, 1),
    ...rmB.slice(1, 2),
    ...customers.filter((c) => c.orgPath.startsWith('/HO/SH/')).slice(0, 3),
  ];
  await post(movers.flatMap((c) => [transaction(c, 200_000_000), transaction(c, -1_234_500)]));
  customers = await scan<Customer>('customers');
}, 240_000);
afterAll(() => runtime?.stop());

describe('AUM change and tier migration from the streams', () => {
  it('equal the sums over the posted transactions and the tier changes, at every level', async () => {
    const hq = await api.get('admin', `/v1/reports/aum-change?orgId=HO&period=${MONTH}`);
    expect(hq.status).toBe(200);
    expect(hq.body.totals).toMatchObject(sums(() => true));
    const byTierNet = Object.values(hq.body.totals.byTier as Record<string, { netFen: number }>).reduce(
      (s, t) => s + t.netFen,
      0,
    );
    expect(byTierNet).toBe(hq.body.totals.netFen);
    for (const row of hq.body.orgs)
      expect(row, row.orgId).toMatchObject(sums((c) => c.orgPath.includes(`/${row.orgId}/`)));

    const bj = await api.get('bm-bj', `/v1/reports/aum-change?period=${MONTH}`);
    expect(bj.body.orgId).toBe('BJ');
    expect(bj.body.totals).toMatchObject(sums((c) => c.orgPath.startsWith('/HO/BJ/')));
    for (const row of bj.body.managers)
      expect(row, row.staffId).toMatchObject(sums((c) => c.managerId === row.staffId));
    expect(bj.body.managers.map((r: { staffId: string }) => r.staffId).sort()).toEqual(
      [
        ...new Set(
          posted
            .map((t) => byId(t.customerId))
            .filter((c) => c.orgPath.startsWith('/HO/BJ/'))
            .map((c) => c.managerId),
        ),
      ].sort(),
    );

    const changes = await scan<{
      orgPath: string;
      managerId: string;
      direction: string;
      fromTier: string;
      toTier: string;
    }>('tier-changes');
    expect(changes.length).toBeGreaterThan(0);
    const migration = await api.get('admin', `/v1/reports/tier-migration?orgId=HO&period=${MONTH}`);
    expect(migration.status).toBe(200);
    const count = (list: typeof changes) => ({
      upgrades: list.filter((c) => c.direction === 'upgrade').length,
      downgrades: list.filter((c) => c.direction === 'downgrade').length,
    });
    expect(migration.body.totals).toMatchObject(count(changes));
    const matrix: Record<string, number> = {};
    for (const c of changes)
      matrix[`${c.fromTier}->${c.toTier}`] = (matrix[`${c.fromTier}->${c.toTier}`] ?? 0) + 1;
    expect(migration.body.totals.moves).toEqual(matrix);
    for (const row of migration.body.orgs)
      expect(row, row.orgId).toMatchObject(
        count(changes.filter((c) => c.orgPath.includes(`/${row.orgId}/`))),
      );
    for (const row of migration.body.managers)
      expect(row, row.staffId).toMatchObject(count(changes.filter((c) => c.managerId === row.staffId)));
    // a quarter sums its months; a month with nothing is zeros
    expect(
      (await api.get('admin', '/v1/reports/tier-migration?orgId=HO&period=2026-Q4')).body.totals,
    ).toEqual(migration.body.totals);
    expect(
      (await api.get('admin', '/v1/reports/tier-migration?orgId=HO&period=2026-10')).body.totals,
    ).toEqual({
      upgrades: 0,
      downgrades: 0,
      moves: {},
    });
  });

  it('downloads as CSV: one line per row of the report', async () => {
    const json = await api.get('bm-bj', `/v1/reports/aum-change?period=${MONTH}`);
    const csv = await api.get('bm-bj', `/v1/reports/aum-change?period=${MONTH}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('aum-change-BJ-2026-11.csv');
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['report', 'period', 'level', 'id']);
    expect(lines).toHaveLength(1 + 1 + json.body.orgs.length + json.body.managers.length);
    const header = lines[0]!.split(',');
    const total = lines[1]!.split(',');
    expect(total[header.indexOf('netFen')]).toBe(String(json.body.totals.netFen));
    expect(total[header.indexOf('byTier.gold.inFen')]).toBe(String(json.body.totals.byTier.gold.inFen));
    for (const report of [
      'tier-distribution',
      'data-quality',
      'tier-migration',
      'performance',
      'campaign-funnel',
      'usage',
    ]) {
      const r = await api.get('bm-bj', `/v1/reports/${report}?format=csv`);
      expect(r.status, report).toBe(200);
      expect(r.headers.get('content-type'), report).toMatch(/^text\/csv/);
      // (fetch's text() drops the BOM)
      expect(
        String(r.body)
          .replace(/^\uFEFF/, '')
          .startsWith('report,'),
        report,
      ).toBe(true);
    }
  });

  it('keeps to the caller’s subtree and refuses bad input with its path', async () => {
    for (const report of ['aum-change', 'tier-migration', 'performance', 'campaign-funnel']) {
      expect((await api.get(outletRms[0], `/v1/reports/${report}`)).status, report).toBe(403);
      expect((await api.get('bm-bj', `/v1/reports/${report}?orgId=SH`)).status, report).toBe(404);
      expect((await api.get('bm-bj-cy', `/v1/reports/${report}?orgId=BJ`)).status, report).toBe(404);
      expect((await api.get('bm-bj', `/v1/reports/${report}?orgId=BJ-CY`)).status, report).toBe(200);
      expect((await api.get('admin', `/v1/reports/${report}?orgId=SH`)).status, report).toBe(200);
      expect((await api.get('marketing', `/v1/reports/${report}`)).status, report).toBe(200);
      const bad = await api.get('bm-bj', `/v1/reports/${report}?period=2026-13&format=xml&extra=1`);
      expect(bad.status, report).toBe(400);
      const paths = bad.body.errors.map((e: { path: string }) => e.path);
      expect(paths, report).toEqual(expect.arrayContaining(['query.period', 'query.format']));
    }
  });
});

describe('performance by category, maturities and the workbench', () => {
  it('answers from the ledger’s aggregates and lists what matures in 14 days', async () => {
    const created = await api.post('admin', '/v1/products', {
      code: 'WR-TD7',
      name: '七天定期',
      category: 'time_deposit',
      riskLevel: 'R1',
      termDays: 7,
      saleStart: '2020-01-01',
    });
    expect(created.status).toBeLessThan(300);
    const [rm] = outletRms;
    const sales = [
      { customer: rmA[0]!, amountFen: 1_000_000 },
      { customer: rmA[1]!, amountFen: 2_500_000 },
    ];
    for (const [i, sale] of sales.entries()) {
      const r = await api.post(rm, '/v1/performance', {
        channel: 'workbench',
        externalRef: `WR-SALE-${i}`,
        customerId: sale.customer.customerId,
        productId: 'WR-TD7',
        amountFen: sale.amountFen,
        credits: [{ staffId: rm, sharePct: 100 }],
        occurredAt: NOW,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await runtime.drained();
    const ledger = await scan<{ amountFen: number; category: string; customerOrgPath: string }>(
      'performance-ledger',
    );
    const report = await api.get('admin', `/v1/reports/performance?orgId=HO&period=${MONTH}`);
    expect(report.status).toBe(200);
    const total = ledger.reduce((s, e) => s + e.amountFen, 0);
    expect(report.body.totals).toMatchObject({ amountFen: total, count: ledger.length });
    expect(report.body.totals.byCategory.time_deposit.amountFen).toBe(
      ledger.filter((e) => e.category === 'time_deposit').reduce((s, e) => s + e.amountFen, 0),
    );
    const bjRow = report.body.orgs.find((o: { orgId: string }) => o.orgId === 'BJ');
    expect(bjRow.amountFen).toBe(
      ledger.filter((e) => e.customerOrgPath.startsWith('/HO/BJ/')).reduce((s, e) => s + e.amountFen, 0),
    );

    const bench = await api.get(rm, '/v1/workbench');
    expect(bench.status).toBe(200);
    expect(
      bench.body.maturities
        .map((m: { customerId: string; maturityDate: string }) => [m.customerId, m.maturityDate])
        .sort(),
    ).toEqual(sales.map((s) => [s.customer.customerId, '2026-11-27']).sort());
    expect(bench.body.performance).toMatchObject({ period: MONTH, amountFen: 3_500_000, count: 2, rank: 1 });
    // the large deposit raised an alert and moved a tier: both on the RM's day
    expect(bench.body.openAlerts.length).toBeGreaterThan(0);
    const dues = bench.body.openAlerts.map((a: { dueAt: string }) => a.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(bench.body.myCustomers.tierMovesThisMonth.upgrades).toBeGreaterThan(0);
    expect(bench.body.myCustomers.tierMovesThisMonth.recent[0]).toMatchObject({
      customerId: rmA[0]!.customerId,
    });
    for (const panel of ['nearTierThreshold', 'campaignTasks', 'dataQualityFixes'])
      expect(Array.isArray(bench.body[panel]), panel).toBe(true);

    // the sales and the alert join the customer's timeline, newest first
    const timeline = await api.get(rm, `/v1/customers/${rmA[0]!.customerId}/timeline?limit=50`);
    const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['performance', 'alert', 'transaction', 'tier_change']));
    const at = timeline.body.items.map((e: { at: string }) => e.at);
    expect(at).toEqual([...at].sort().reverse());
  });
});

describe('allocation hands work over; private banking is proposed', () => {
  it('moves the customer’s open alerts and maturities to the new RM', async () => {
    const [from, to] = outletRms;
    const customer = rmA[0]!;
    const created = await api.post('bm-bj', '/v1/allocations', {
      customerIds: [customer.customerId],
      toManagerId: to,
      reason: '客户经理调整',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.preview.openAlerts).toBeGreaterThan(0);
    const approver = customer.orgPath.startsWith('/HO/BJ/BJ-CY/') ? 'bm-bj-cy' : 'bm-bj-hd';
    const approved = await api.post(approver, `/v1/allocations/${created.body.allocationId}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const alerts = (await scan<{ customerId: string; managerId: string; status: string }>('alerts')).filter(
      (a) => a.customerId === customer.customerId && a.status !== 'closed',
    );
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.managerId === to)).toBe(true);
    const theirs = await api.get(to, '/v1/workbench');
    expect(
      theirs.body.openAlerts.some((a: { customerId: string }) => a.customerId === customer.customerId),
    ).toBe(true);
    expect(
      theirs.body.maturities.some((m: { customerId: string }) => m.customerId === customer.customerId),
    ).toBe(true);
    const mine = await api.get(from, '/v1/workbench');
    expect(
      mine.body.openAlerts.some((a: { customerId: string }) => a.customerId === customer.customerId),
    ).toBe(false);
  });

  it('proposes a newly private-banking customer for an RM who already manages private banking', async () => {
    const [a, b] = outletRms;
    // a's customer becomes private banking first: a is now a private-banking RM
    await post([transaction(rmA[1]!, 20_000_000_000)]);
    const first = await api.get('bm-bj', '/v1/allocations?status=pending');
    expect(
      first.body.items.filter(
        (x: { items: { customerId: string }[] }) => x.items[0]!.customerId === rmA[1]!.customerId,
      ),
    ).toEqual([]);
    // then b's: proposed for a, pending a branch manager's approval
    await post([transaction(rmB[0]!, 20_000_000_000)]);
    // the proposal follows the tier change, which follows the transaction: poll until it is there
    const proposalOf = async () =>
      (await api.get('bm-bj', '/v1/allocations?status=pending')).body.items.find(
        (x: { requestedBy: string; items: { customerId: string }[] }) =>
          x.requestedBy === 'system:private-banking' && x.items[0]!.customerId === rmB[0]!.customerId,
      );
    let proposal = await proposalOf();
    for (let i = 0; !proposal && i < 100; i++) {
      await runtime.drained();
      proposal = await proposalOf();
    }
    expect(proposal).toMatchObject({
      toManagerId: a,
      items: [{ customerId: rmB[0]!.customerId, fromManagerId: b, tier: 'private_banking' }],
    });
  });
});
