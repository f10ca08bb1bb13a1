// The customer 360 (客户视图) on DynamoDB Local: given transactions from core banking, sales in the
// performance ledger (one reversed) and a consent, GET /v1/customers/{id} shows tiering's tier and the
// month-to-date AUM, the products held, the RM by name, the consent standing and the data-quality
// score, masked as before; scoped by the org tree; a part whose table is missing is null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoCustomer360Sources } from '#shared/customers/customer-360-sources.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { aCustomerWithBalances } from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;

// 12:00 on 20 November 2026 in Shanghai: 20 of November's 30 days so far
const NOW = '2026-11-20T04:00:00.000Z';
const RM = 'rm-bj-cy-wj-01';
const CUSTOMER = 'C360-0001';
const PATH = `/v1/customers/${CUSTOMER}`;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 5, now: NOW });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

const ok = <T extends { status: number; body: unknown }>(response: T, status = 200) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response;
};

const sale = (externalRef: string, productId: string, amountFen: number) => ({
  channel: 'workbench',
  externalRef,
  customerId: CUSTOMER,
  productId,
  amountFen,
  credits: [{ staffId: RM, sharePct: 100 }],
  occurredAt: '2026-11-20T10:30:00+08:00',
});

describe('customer 360', () => {
  it('a new customer: the record, its RM, consent from the record, nothing counted or held yet', async () => {
    ok(
      await api.post('admin', '/v1/customers', {
        customerId: CUSTOMER,
        name: '王建国',
        phone: '+8613812345678',
        idNumber: '11010519491231002X',
        orgId: 'BJ-CY-WJ',
        managerId: RM,
        riskLevel: 'C3',
      }),
      201,
    );
    const { body } = ok(await api.get(RM, PATH));
    const rmName = ok(await api.get('admin', `/v1/staff/${RM}`)).body.name as string;
    expect(body).toMatchObject({
      customerId: CUSTOMER,
      tier: 'standard',
      tierStanding: null,
      aum: null,
      products: [],
      rm: { staffId: RM, name: rmName },
      consent: { consent: 'none', phoneOptedOut: false, mayReceiveMarketing: false },
    });
  });

  it('shows tier, AUM, products held, RM, consent and data quality after the events that make them', async () => {
    // given: ¥100k of wealth since the 10th and ¥1.6m deposited today
    await aCustomerWithBalances({ runtime, api }, CUSTOMER, [
      { assetClass: 'wealth', amountFen: 10_000_000, businessDate: '2026-11-10' },
      { assetClass: 'deposit', amountFen: 160_000_000, businessDate: '2026-11-20' },
    ]);
    // two sales of one product, and one of another that is reversed
    for (const product of [
      { code: 'WM-360', name: '稳享理财360', category: 'wealth', riskLevel: 'R2', saleStart: '2026-01-01' },
      { code: 'FD-360', name: '成长基金360', category: 'fund', riskLevel: 'R2', saleStart: '2026-01-01' },
    ]) {
      ok(await api.post('admin', '/v1/products', product), 201);
    }
    ok(await api.post(RM, '/v1/performance', sale('WB-360-1', 'WM-360', 3_000_000)), 201);
    ok(await api.post(RM, '/v1/performance', sale('WB-360-2', 'WM-360', 2_000_000)), 201);
    const fund = ok(await api.post(RM, '/v1/performance', sale('WB-360-3', 'FD-360', 7_000_000)), 201);
    ok(
      await api.post(RM, `/v1/performance/${fund.body.registrationId}/reverse`, { reason: '客户撤单，冲正' }),
      201,
    );
    ok(
      await api.put(RM, `${PATH}/sms-consent`, {
        consent: 'granted',
        source: 'counter',
        evidence: 'form-360-001',
      }),
    );
    await runtime.drained();

    // when
    const { body } = ok(await api.get(RM, PATH));

    // then: tiering's standing. Weights are 1 for deposit and wealth (default policy):
    // sums 160m × 1 day + 10m × 11 days = 270m over 20 days; guaranteed 270m / 30 = 9m → gold
    expect(body.tier).toBe('gold');
    expect(body.tierStanding).toMatchObject({
      tier: 'gold',
      guaranteed: 'gold',
      projected: 'platinum', // 270m + 10 days × 170m = 1970m / 30 ≥ 50m
      nextTier: 'diamond', // the tier after the projected one
      policyVersion: 0,
    });
    expect(body.aum).toEqual({
      asOf: '2026-11-20',
      month: '2026-11',
      days: 20,
      avgAumFen: 13_500_000,
      avgByAssetClass: expect.objectContaining({ deposit: 8_000_000, wealth: 5_500_000, fund: 0 }),
      balances: expect.objectContaining({ deposit: 160_000_000, wealth: 10_000_000, insurance: 0 }),
      totalBalanceFen: 170_000_000,
    });
    // the same figures tiering's own route gives
    const aum = ok(await api.get(RM, `${PATH}/aum?months=0`)).body;
    expect(body.aum).toMatchObject({
      avgAumFen: aum.monthToDate.avgAumFen,
      avgByAssetClass: aum.monthToDate.byAssetClass,
      balances: aum.balances,
    });
    expect(body.tierStanding.gapToNextFen).toBe(aum.tier.gapToNextFen);

    // products held: registered and not reversed
    expect(body.products).toEqual([
      {
        productId: 'WM-360',
        productName: '稳享理财360',
        category: 'wealth',
        amountFen: 5_000_000,
        registrations: 2,
        lastRegisteredOn: '2026-11-20',
      },
    ]);

    const rmName = ok(await api.get('admin', `/v1/staff/${RM}`)).body.name as string;
    expect(body.rm).toEqual({ staffId: RM, name: rmName });
    expect(body.consent).toMatchObject({
      consent: 'granted',
      source: 'counter',
      phoneOptedOut: false,
      mayReceiveMarketing: true,
    });
    expect(body.smsConsent).toBe(true);

    const { Item: quality } = await runtime.document.send(
      new GetCommand({ TableName: runtime.tableName('data-quality'), Key: { customerId: CUSTOMER } }),
    );
    expect(quality).toBeDefined();
    expect(body.dataQuality).toEqual({
      score: quality!.score,
      gaps: quality!.gaps,
      asOfVersion: quality!.version,
    });

    // still masked
    expect(body.phone).toBe('+86138****5678');
    expect(body.idNumber).toBe('110105********002X');
    expect(JSON.stringify(body)).not.toContain('13812345678');
  });

  it('reveals with a purpose as before, the 360 parts alongside', async () => {
    const { body } = ok(
      await api.get(RM, `${PATH}?reveal=phone&purpose=${encodeURIComponent('回访确认理财到期')}`),
    );
    expect(body.phone).toBe('+8613812345678');
    expect(body.idNumber).toBe('110105********002X');
    expect(body.products).toHaveLength(1);
  });

  it('is scoped: the RM and their line and head office see it, others get 404', async () => {
    const expected: Record<string, number> = {
      [RM]: 200,
      'rm-bj-cy-wj-02': 404,
      'bm-bj-cy': 200,
      'bm-bj': 200,
      'bm-bj-hd': 404,
      'bm-sh': 404,
      admin: 200,
      marketing: 200,
    };
    const seen: Record<string, number> = {};
    for (const as of Object.keys(expected)) seen[as] = (await api.get(as, PATH)).status;
    expect(seen).toEqual(expected);
    const outside = await api.get('bm-sh', PATH);
    expect(JSON.stringify(outside.body)).not.toContain('王建国');
    expect((await api.get('admin', '/v1/customers/NOPE-360')).status).toBe(404);
  });

  it('answers null for a part whose table is not configured, not an error', async () => {
    const parts = ['tier-state', 'performance-ledger', 'sms-consent', 'data-quality'];
    const saved = parts.map((id) => [tableEnvName(id), process.env[tableEnvName(id)]] as const);
    await runtime.drained();
    try {
      for (const [name] of saved) delete process.env[name];
      const { body } = ok(await api.get(RM, PATH));
      expect(body).toMatchObject({
        tier: 'gold', // the customer record's, kept in step by tiering
        tierStanding: null,
        aum: null,
        products: null,
        consent: null,
        dataQuality: null,
        rm: { staffId: RM },
        phone: '+86138****5678',
      });
    } finally {
      for (const [name, value] of saved) process.env[name] = value;
    }
  });

  it('answers null for a part whose table is not there', async () => {
    const ids = [
      'tier-state',
      'aum-counters',
      'tier-policy',
      'performance-ledger',
      'sms-consent',
      'data-quality',
    ];
    const saved = ids.map((id) => [tableEnvName(id), process.env[tableEnvName(id)]] as const);
    try {
      for (const [name] of saved) process.env[name] = `missing-${name.toLowerCase()}`;
      const customers = dynamoCustomerStore(runtime.document);
      const customer = (await customers.get(CUSTOMER))!;
      const sources = dynamoCustomer360Sources(customers, runtime.clock, runtime.document);
      const ctx = {
        caller: {
          staffId: RM,
          name: 'RM',
          role: 'rm' as const,
          orgId: customer.orgId,
          orgPath: customer.orgPath,
        },
      };
      expect(
        await Promise.all([
          sources.tiering(customer, ctx),
          sources.ledger(CUSTOMER),
          sources.consent(customer),
          sources.dataQuality(CUSTOMER),
        ]),
      ).toEqual([null, null, null, null]);
    } finally {
      for (const [name, value] of saved) process.env[name] = value;
    }
  });
});
