// Tiering end to end on DynamoDB Local through the local runtime: a transaction moves a tier in real
// time, the change is recorded with its reason and shown on the customer; policy versions; balance
// snapshots reconcile with an audit trail; month close and a late correction; a stale PATCH loses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { type ApiClient } from '../support/local-runtime.js';
import { aBank, aPostedBatch, type Bank, theAuditTrailOf } from '../support/steps/index.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { putAndApprove } from '../support/maker-checker.js';
import { transaction } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;
let bank: Bank;

// 12:00 on 20 November 2026 in Shanghai: 20 of November's 30 days so far
const NOW = '2026-11-20T04:00:00.000Z';

beforeAll(async () => {
  process.env.OCRM_TIER_POLICY_CACHE_SECONDS = '0';
  bank = await aBank({ customers: 12, now: NOW });
  ({ runtime, api } = bank);
});
afterAll(() => runtime?.stop());

const deposit = (
  customerId: string,
  amountFen: number,
  businessDate: string,
  extra: Record<string, unknown> = {},
) =>
  transaction({ customerId, amountFen, businessDate, bookedAt: `${businessDate}T02:00:00.000Z`, ...extra });

describe('a transaction moves the tier in real time', () => {
  it('upgrades at once when the month so far guarantees gold, and says why', async () => {
    // ¥1.6m today: today alone is ¥1.6m of end-of-day balance, ≥ ¥50k × 30 days
    await aPostedBatch(bank, [deposit('C0000001', 160_000_000, '2026-11-20')]);

    const customer = await api.get('admin', '/v1/customers/C0000001');
    expect(customer.body.tier).toBe('gold');

    const history = await api.get('admin', '/v1/customers/C0000001/tier-history');
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        fromTier: 'standard',
        toTier: 'gold',
        direction: 'upgrade',
        reason: 'month_to_date_guaranteed',
        month: '2026-11',
        avgAumFen: Math.floor(160_000_000 / 30),
        thresholdFen: 5_000_000,
        policyVersion: 0,
        trigger: expect.objectContaining({ kind: 'transaction' }),
      }),
    ]);

    const aum = await api.get('admin', '/v1/customers/C0000001/aum?months=2');
    expect(aum.status).toBe(200);
    expect(aum.body).toMatchObject({
      asOf: '2026-11-20',
      balances: { deposit: 160_000_000, insurance: 0 },
      totalBalanceFen: 160_000_000,
      monthToDate: {
        month: '2026-11',
        days: 20,
        daysInMonth: 30,
        avgAumFen: 8_000_000, // ¥1.6m on 1 of 20 days
        projectedAvgAumFen: Math.floor((160_000_000 * 11) / 30), // kept to the 30th: 11 days
      },
      tier: { current: 'gold', guaranteed: 'gold', projected: 'platinum', nextTier: 'diamond' },
    });
    expect(aum.body.months.map((m: { month: string }) => m.month)).toEqual(['2026-10', '2026-09']);
  });

  it('counts each transaction once however often the stream brings it', async () => {
    const txn = deposit('C0000002', 1_000_000, '2026-11-10');
    await aPostedBatch(bank, [txn]);
    await aPostedBatch(bank, [txn]); // a retried POST: no new record
    // the item rewritten (a MODIFY record of the same transaction)
    const table = runtime.tableName('transactions');
    const { Item } = await runtime.document.send(
      new GetCommand({ TableName: table, Key: { transactionId: txn.transactionId } }),
    );
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await runtime.document.send(
      new PutCommand({ TableName: table, Item: { ...Item, receivedAt: new Date().toISOString() } }),
    );
    await runtime.drained();
    const aum = await api.get('admin', '/v1/customers/C0000002/aum');
    expect(aum.body.balances.deposit).toBe(1_000_000);
    expect(aum.body.monthToDate.byAssetClass.deposit).toBe(Math.floor((1_000_000 * 11) / 20)); // days 10..20
  });

  it('is scoped: an RM sees their own customers’ AUM only, others get 404', async () => {
    const { body: mine } = await api.get('rm-bj-cy-wj-01', '/v1/customers?limit=1');
    const own = mine.items[0]?.customerId as string | undefined;
    if (own) expect((await api.get('rm-bj-cy-wj-01', `/v1/customers/${own}/aum`)).status).toBe(200);
    const { body: all } = await api.get('admin', '/v1/customers?limit=200');
    const other = all.items.find((c: { managerId: string }) => c.managerId !== 'rm-bj-cy-wj-01');
    expect((await api.get('rm-bj-cy-wj-01', `/v1/customers/${other.customerId}/aum`)).status).toBe(404);
    expect((await api.get('rm-bj-cy-wj-01', `/v1/customers/${other.customerId}/tier-history`)).status).toBe(
      404,
    );
    expect((await api.get('admin', '/v1/customers/NOPE/aum')).status).toBe(404);
  });

  it('bumps the customer’s version with the tier, so a PATCH that read before cannot write the old tier back', async () => {
    const store = dynamoCustomerStore(runtime.document);
    const before = (await store.get('C0000003'))!;
    await aPostedBatch(bank, [deposit('C0000003', 200_000_000, '2026-11-20')]);
    const after = (await store.get('C0000003'))!;
    expect(after.tier).toBe('gold');
    expect(after.version).toBe(before.version + 1);
    // what PATCH does with what it read: a put on the version it read
    const stale = { ...before, name: '改名', version: before.version + 1 };
    const audit = {
      entityKey: 'customer#C0000003',
      auditId: 'A-stale',
      actorId: 'admin',
      action: 'customer.update',
      at: NOW,
      correlationId: 'c',
    };
    expect(await store.put(stale, audit, before.version)).toBe(false);
    expect((await store.get('C0000003'))!.tier).toBe('gold');
    // and a PATCH now reads the new version and keeps the tier
    const patched = await api.patch('admin', '/v1/customers/C0000003', { name: '新名字' });
    expect(patched.status).toBe(200);
    expect(patched.body.tier).toBe('gold');
  });
});

describe('tier policy', () => {
  it('refuses a bad policy with every failing path and stores nothing', async () => {
    const response = await api.put('admin', '/v1/tier-policy', {
      effectiveFrom: '2026-12-01',
      tiers: [
        { tier: 'standard', minAvgAumFen: 0 },
        { tier: 'gold', minAvgAumFen: 9_000_000 },
        { tier: 'platinum', minAvgAumFen: 8_000_000 },
      ],
      weights: { deposit: 1, insurance: -0.5, crypto: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.tiers.2.minAvgAumFen', 'body.weights.insurance', 'body.weights.crypto']),
    );
    expect((await api.get('admin', '/v1/tier-policy')).body.version).toBe(0);
  });

  it('stores versions that apply from their date, for admins only', async () => {
    const input = {
      effectiveFrom: '2026-12-01',
      tiers: [
        { tier: 'standard', minAvgAumFen: 0 },
        { tier: 'gold', minAvgAumFen: 10_000_000 },
        { tier: 'platinum', minAvgAumFen: 80_000_000 },
      ],
      weights: { insurance: 0.3 },
      downgradeAfterMonths: 2,
    };
    expect((await api.put('rm-bj-cy-wj-01', '/v1/tier-policy', input)).status).toBe(403);
    const put = await putAndApprove(api, 'admin', '/v1/tier-policy', input);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      version: 1,
      effectiveFrom: '2026-12-01',
      weights: { insurance: 0.3, deposit: 1 },
      createdBy: 'admin',
    });
    expect((await api.get('admin', '/v1/tier-policy')).body.version).toBe(0); // not yet in force today
    const december = await api.get('rm-bj-cy-wj-01', '/v1/tier-policy?on=2026-12-01');
    expect(december.body).toMatchObject({ version: 1, downgradeAfterMonths: 2 });
    expect(december.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);
    const audit = await theAuditTrailOf(runtime, 'tier-policy#1');
    expect(audit).toHaveLength(1);
  });
});

describe('balance snapshots', () => {
  it('set an opening balance, reconcile a mismatch into an audited adjustment, and are idempotent', async () => {
    const snapshot = {
      customerId: 'C0000004',
      assetClass: 'wealth',
      businessDate: '2026-10-31',
      balanceFen: 30_000_000,
    };
    const first = await api.post('core-banking', '/v1/balances', { balances: [snapshot] });
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      { ...snapshot, status: 'adjusted', countedFen: 0, adjustmentFen: 30_000_000 },
    ]);

    // a transaction on 10 November, then core says the 15th ended at ¥310,000 (we count ¥305,000)
    await aPostedBatch(bank, [deposit('C0000004', 500_000, '2026-11-10', { assetClass: 'wealth' })]);
    const mid = { ...snapshot, businessDate: '2026-11-15', balanceFen: 31_000_000 };
    const second = await api.post('core-banking', '/v1/balances', { balances: [mid, snapshot] });
    expect(second.body.items).toEqual([
      { ...mid, status: 'adjusted', countedFen: 30_500_000, adjustmentFen: 500_000 },
      { ...snapshot, status: 'duplicate', countedFen: 0, adjustmentFen: 30_000_000 },
    ]);
    const aum = await api.get('admin', '/v1/customers/C0000004/aum');
    expect(aum.body.balances.wealth).toBe(31_000_000);
    // days 1–9 ¥300k, 10–14 ¥305k, 15–20 ¥310k
    const expected = Math.floor((30_000_000 * 9 + 30_500_000 * 5 + 31_000_000 * 6) / 20);
    expect(aum.body.monthToDate.byAssetClass.wealth).toBe(expected);
    const audit = await theAuditTrailOf(runtime, 'aum#C0000004');
    expect(audit.map((a) => a.detail.adjustmentFen).sort()).toEqual([30_000_000, 500_000].sort());

    const conflict = await api.post('core-banking', '/v1/balances', {
      balances: [{ ...mid, balanceFen: 1 }],
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors).toEqual([
      { path: 'body.balances.0.balanceFen', message: 'was reported before as 31000000' },
    ]);
  });

  it('refuses what is not a snapshot, and callers that are not upstream systems', async () => {
    const bad = await api.post('core-banking', '/v1/balances', {
      balances: [
        { customerId: 'C0000005', assetClass: 'gold_bars', businessDate: '2026-11-01', balanceFen: 1 },
        { customerId: 'C0000005', assetClass: 'deposit', businessDate: '2026-11-31', balanceFen: -1 },
        { customerId: 'C0000005', assetClass: 'deposit', businessDate: '2026-12-01', balanceFen: 100 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining([
        'body.balances.0.assetClass',
        'body.balances.1.businessDate',
        'body.balances.1.balanceFen',
      ]),
    );
    const future = await api.post('core-banking', '/v1/balances', {
      balances: [
        { customerId: 'C0000005', assetClass: 'deposit', businessDate: '2026-12-01', balanceFen: 100 },
      ],
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([
      { path: 'body.balances.0.businessDate', message: 'is after today (2026-11-20)' },
    ]);
    const rm = await api.post('rm-bj-cy-wj-01', '/v1/balances', {
      balances: [
        { customerId: 'C0000005', assetClass: 'deposit', businessDate: '2026-11-01', balanceFen: 100 },
      ],
    });
    expect(rm.status).toBe(403);
  });
});

/** The month close's progress once its segment workers are through (polled after each drain). */
const monthClosed = async (month: string) => {
  for (const deadline = Date.now() + 120_000; ;) {
    await runtime.drained();
    const { body } = await api.get('admin', `/v1/tier-month-close/${month}`);
    if (body.status === 'done' || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('month close', () => {
  it('closes last month for every customer, upgrades who reached a tier, and a late change corrects it', async () => {
    // October, back-dated: ¥600k held from 1 October is platinum for October. (The withdrawal goes
    // first: seen alone, the deposit would make November's days so far guarantee gold at once.)
    await aPostedBatch(bank, [deposit('C0000006', -59_000_000, '2026-11-02')]);
    await aPostedBatch(bank, [deposit('C0000006', 60_000_000, '2026-10-01')]);
    expect((await api.get('admin', '/v1/customers/C0000006')).body.tier).toBe('standard');

    // the coordinator issues a task per segment; each segment is its own worker invocation
    const run = await runtime.schedules.run('tiering-month-close');
    expect(run?.ok, run?.error).toBe(true);
    expect(run?.result).toMatchObject({ month: '2026-10', status: 'running', totalSegments: 8 });
    expect(await monthClosed('2026-10')).toMatchObject({
      status: 'done',
      totalSegments: 8,
      segmentsDone: 8,
      customers: 12,
    });

    expect((await api.get('admin', '/v1/customers/C0000006')).body.tier).toBe('platinum');
    const history = await api.get('admin', '/v1/customers/C0000006/tier-history');
    expect(history.body.items[0]).toMatchObject({
      reason: 'month_close',
      toTier: 'platinum',
      month: '2026-10',
      avgAumFen: 60_000_000,
    });
    expect(history.body.closes[0]).toMatchObject({
      month: '2026-10',
      qualifies: 'platinum',
      tierBefore: 'standard',
      tierAfter: 'platinum',
    });

    // C0000004 held ¥300k of wealth at the end of October only (one day of 31): October qualifies for
    // standard, but November's days so far made them gold already, and one month below is no downgrade
    const closes4 = await api.get('admin', '/v1/customers/C0000004/tier-history');
    expect(closes4.body.closes[0]).toMatchObject({
      month: '2026-10',
      avgAumFen: Math.floor(30_000_000 / 31),
      qualifies: 'standard',
      tierBefore: 'gold',
      tierAfter: 'gold',
      belowMonths: 1,
    });

    // a late, back-dated deposit into closed October lifts it to diamond: a correction, at once
    await aPostedBatch(bank, [deposit('C0000006', 150_000_000, '2026-10-01')]);
    const corrected = await api.get('admin', '/v1/customers/C0000006/tier-history');
    expect(corrected.body.items[0]).toMatchObject({
      reason: 'closed_month_correction',
      fromTier: 'platinum',
      toTier: 'diamond',
      month: '2026-10',
    });

    // closing again changes nothing
    const again = await runtime.schedules.run('tiering-month-close');
    expect(again?.ok, again?.error).toBe(true);
    expect(await monthClosed('2026-10')).toMatchObject({
      status: 'done',
      pass: 2,
      monthsClosed: 0,
      changed: 0,
    });
    expect((await api.get('admin', '/v1/customers/C0000006/tier-history')).body).toEqual(corrected.body);
  });
});
