// Performance registration over HTTP on DynamoDB Local: idempotent per channel + externalRef (across
// channels, under concurrent duplicates), shares total exactly 100, customer and product exist, staff
// in the customer's subtree, suitability (override audited), reversal never edits, scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { theAuditTrailOf } from '../support/steps/index.js';

let runtime: LocalRuntime;
let api: ApiClient;

const NOW = '2026-11-20T06:00:00.000Z';
const WJ = 'rm-bj-cy-wj-01';

beforeAll(async () => {
  // the ledger stream is not consumed here: this file is about the ledger itself
  runtime = await startTestRuntime({ demoCustomers: 3, now: NOW, streams: false });
  api = apiClient(runtime);
  const customers = [
    { customerId: 'PF-C3', riskLevel: 'C3', orgId: 'BJ-CY-WJ', managerId: WJ },
    { customerId: 'PF-C1', riskLevel: 'C1', orgId: 'BJ-CY-WJ', managerId: WJ },
    { customerId: 'PF-NONE', orgId: 'BJ-CY-WJ', managerId: WJ },
    { customerId: 'PF-WJ2', riskLevel: 'C5', orgId: 'BJ-CY-WJ', managerId: 'rm-bj-cy-wj-02' },
    { customerId: 'PF-SH', riskLevel: 'C5', orgId: 'SH-PD-LJZ', managerId: 'rm-sh-pd-ljz-01' },
  ];
  for (const c of customers) {
    expect((await api.post('admin', '/v1/customers', { name: '测试客户', ...c })).status).toBe(201);
  }
  const products = [
    {
      code: 'WM-R2',
      name: '稳享理财',
      category: 'wealth',
      riskLevel: 'R2',
      weightBp: 15_000,
      saleStart: '2026-01-01',
    },
    { code: 'FD-R4', name: '成长基金', category: 'fund', riskLevel: 'R4', saleStart: '2026-01-01' },
    { code: 'DEP-R1', name: '大额存单', category: 'time_deposit', riskLevel: 'R1', saleStart: '2026-01-01' },
    {
      code: 'OLD',
      name: '已停售',
      category: 'wealth',
      riskLevel: 'R1',
      saleStart: '2025-01-01',
      saleEnd: '2026-10-31',
    },
  ];
  for (const p of products) expect((await api.post('admin', '/v1/products', p)).status).toBe(201);
  expect((await api.put('admin', '/v1/product-categories/fund', { weightBp: 8_000 })).status).toBe(200);
});
afterAll(() => runtime?.stop());

let sequence = 0;
const sale = (overrides: Record<string, unknown> = {}) => ({
  channel: 'counter',
  externalRef: `CTR-${++sequence}`,
  customerId: 'PF-C3',
  productId: 'WM-R2',
  amountFen: 1_000_001,
  credits: [
    { staffId: WJ, sharePct: 60 },
    { staffId: 'rm-bj-cy-wj-02', sharePct: 40 },
  ],
  occurredAt: '2026-11-20T10:30:00+08:00',
  ...overrides,
});

const count = async (table: string) =>
  (await runtime.document.send(new ScanCommand({ TableName: runtime.tableName(table), Select: 'COUNT' })))
    .Count ?? 0;
const counts = async () => ({
  ledger: await count('performance-ledger'),
  refs: await count('performance-refs'),
  postings: await count('performance-postings'),
  audit: await count('audit'),
});
const auditOf = (entityKey: string) => theAuditTrailOf(runtime, entityKey);
const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

describe('registration', () => {
  it('records a sale with exact points and an exact credit split', async () => {
    const body = sale();
    const { status, body: entry, headers } = await api.post('core-banking', '/v1/performance', body);
    expect(status).toBe(201);
    expect(headers.get('location')).toBe(`/v1/performance/${entry.entryId}`);
    expect(entry).toMatchObject({
      kind: 'registration',
      registrationId: entry.entryId,
      channel: 'counter',
      externalRef: body.externalRef,
      customerId: 'PF-C3',
      customerOrgId: 'BJ-CY-WJ',
      productId: 'WM-R2',
      category: 'wealth',
      productRiskLevel: 'R2',
      customerRiskLevel: 'C3',
      suitability: 'suitable',
      weightBp: 15_000,
      weightSource: 'product',
      amountFen: 1_000_001,
      points: 1_500_002, // 1 500 001.5 rounds half up
      occurredAt: '2026-11-20T02:30:00.000Z',
      businessDate: '2026-11-20',
      recordedBy: 'core-banking',
    });
    // 60/40 of 1 000 001 fen: 600 000.6 and 400 000.4 → the odd fen to the larger remainder
    expect(entry.credits).toEqual([
      expect.objectContaining({
        staffId: WJ,
        sharePct: 60,
        amountFen: 600_001,
        points: 900_001,
        orgId: 'BJ-CY-WJ',
      }),
      expect.objectContaining({
        staffId: 'rm-bj-cy-wj-02',
        sharePct: 40,
        amountFen: 400_000,
        points: 600_001,
      }),
    ]);
    expect(entry.campaignId).toBeUndefined(); // attribution is a no-op until campaigns exist
    const read = await api.get('bm-bj-cy', `/v1/performance/${entry.entryId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(entry);
  });

  it('takes the weight from the category, else ×1.0, and records which', async () => {
    const fund = await api.post(
      'core-banking',
      '/v1/performance',
      sale({ productId: 'FD-R4', customerId: 'PF-WJ2', amountFen: 12_345 }),
    );
    expect(fund.body).toMatchObject({ weightBp: 8_000, weightSource: 'category', points: 9_876 });
    const deposit = await api.post(
      'core-banking',
      '/v1/performance',
      sale({ productId: 'DEP-R1', amountFen: 12_345 }),
    );
    expect(deposit.body).toMatchObject({ weightBp: 10_000, weightSource: 'default', points: 12_345 });
  });

  it('keeps a channel’s campaign reference', async () => {
    const { body } = await api.post('core-banking', '/v1/performance', sale({ campaignId: 'CMP-1' }));
    expect(body).toMatchObject({ campaignId: 'CMP-1', attribution: 'channel' });
  });
});

describe('idempotency per channel + externalRef', () => {
  it('the same again → the same registration; other content → 409 naming what differs; nothing written', async () => {
    const body = sale();
    const first = await api.post('core-banking', '/v1/performance', body);
    const before = await counts();
    const again = await api.post('core-banking', '/v1/performance', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // the same sale from the same channel with the credits listed in another order is the same sale
    const reordered = await api.post('core-banking', '/v1/performance', {
      ...body,
      credits: [...body.credits].reverse(),
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.entryId).toBe(first.body.entryId);
    const other = await api.post('core-banking', '/v1/performance', {
      ...body,
      amountFen: 2,
      credits: [{ staffId: WJ, sharePct: 100 }],
    });
    expect(other.status).toBe(409);
    expect(paths(other.body)).toEqual(['body.amountFen', 'body.credits']);
    expect(await counts()).toEqual(before);
  });

  it('the same reference on another channel is another sale', async () => {
    const counter = await api.post('core-banking', '/v1/performance', sale({ externalRef: 'SHARED-REF-1' }));
    const mobile = await api.post(
      'core-banking',
      '/v1/performance',
      sale({ externalRef: 'SHARED-REF-1', channel: 'mobile' }),
    );
    expect([counter.status, mobile.status]).toEqual([201, 201]);
    expect(mobile.body.entryId).not.toBe(counter.body.entryId);
  });

  it('ten identical requests at once make one registration', async () => {
    const body = sale();
    const before = await counts();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api.post('core-banking', '/v1/performance', body)),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.entryId)).size).toBe(1);
    const after = await counts();
    expect(after.ledger - before.ledger).toBe(1);
    expect(after.refs - before.refs).toBe(1);
    expect(after.postings - before.postings).toBe(2);
  });

  it('two different requests with one key at once: one is recorded, the other is 409', async () => {
    const body = sale();
    const before = await counts();
    const [a, b] = await Promise.all([
      api.post('core-banking', '/v1/performance', body),
      api.post('core-banking', '/v1/performance', { ...body, amountFen: 5 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((await counts()).ledger - before.ledger).toBe(1);
  });
});

describe('bad registrations change nothing', () => {
  const refused = async (as: string, body: unknown, status: number, expectedPaths: string[]) => {
    const before = await counts();
    const response = await api.post(as, '/v1/performance', body);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(paths(response.body)).toEqual(expectedPaths.sort());
    expect(await counts()).toEqual(before);
    return response.body;
  };

  it('shares must total exactly 100, whole percents, each staff member once', async () => {
    await refused(
      'core-banking',
      sale({
        credits: [
          { staffId: WJ, sharePct: 60 },
          { staffId: 'rm-bj-cy-wj-02', sharePct: 30 },
        ],
      }),
      400,
      ['body.credits'],
    );
    await refused(
      'core-banking',
      sale({
        credits: [
          { staffId: WJ, sharePct: 33.3 },
          { staffId: 'rm-bj-cy-wj-02', sharePct: 66.7 },
        ],
      }),
      400,
      ['body.credits.0.sharePct', 'body.credits.1.sharePct'],
    );
    await refused(
      'core-banking',
      sale({
        credits: [
          { staffId: WJ, sharePct: 50 },
          { staffId: WJ, sharePct: 50 },
        ],
      }),
      400,
      ['body.credits.1.staffId'],
    );
    await refused('core-banking', sale({ amountFen: 100.5, occurredAt: 'yesterday', channel: 'fax' }), 400, [
      'body.amountFen',
      'body.channel',
      'body.occurredAt',
    ]);
  });

  it('customer, product and staff must exist (400 with paths)', async () => {
    await refused(
      'core-banking',
      sale({
        customerId: 'NOBODY',
        productId: 'NOPE',
        credits: [
          { staffId: 'ghost', sharePct: 50 },
          { staffId: 'marketing', sharePct: 50 },
        ],
      }),
      400,
      ['body.customerId', 'body.productId', 'body.credits.0.staffId', 'body.credits.1.staffId'],
    );
    await refused('core-banking', sale({ occurredAt: '2026-11-21T06:00:00Z' }), 400, ['body.occurredAt']);
  });

  it('credited staff must work in the customer’s org subtree (409)', async () => {
    const body = await refused(
      'core-banking',
      sale({
        credits: [
          { staffId: WJ, sharePct: 50 },
          { staffId: 'rm-sh-pd-ljz-01', sharePct: 25 },
          { staffId: 'rm-bj-cy-gm-01', sharePct: 25 },
        ],
      }),
      409,
      ['body.credits.1.staffId', 'body.credits.2.staffId'],
    );
    expect(body.errors[0].message).toMatch(/outside the org subtree/);
    // a branch manager above the customer's unit may share the credit
    const managed = await api.post(
      'core-banking',
      '/v1/performance',
      sale({
        credits: [
          { staffId: WJ, sharePct: 70 },
          { staffId: 'bm-bj-cy', sharePct: 30 },
        ],
      }),
    );
    expect(managed.status).toBe(201);
  });

  it('a product not on sale that day (409)', async () => {
    await refused('core-banking', sale({ productId: 'OLD' }), 409, ['body.productId']);
    const earlier = await api.post(
      'core-banking',
      '/v1/performance',
      sale({ productId: 'OLD', occurredAt: '2026-10-31T15:59:00Z' }),
    );
    expect(earlier.status).toBe(201); // 23:59 on 31 Oct in Beijing: still on sale
    expect(earlier.body.businessDate).toBe('2026-10-31');
  });
});

describe('suitability (适当性)', () => {
  it('refuses a product above the customer’s risk tolerance, or an unassessed customer above R1', async () => {
    const before = await counts();
    const r4 = await api.post('core-banking', '/v1/performance', sale({ productId: 'FD-R4' }));
    expect(r4.status).toBe(409);
    expect(r4.body.errors).toEqual([
      { path: 'body.productId', message: expect.stringMatching(/R4 exceeds .* C3/) },
    ]);
    expect((await api.post('core-banking', '/v1/performance', sale({ customerId: 'PF-NONE' }))).status).toBe(
      409,
    );
    expect((await api.post('core-banking', '/v1/performance', sale({ customerId: 'PF-C1' }))).status).toBe(
      409,
    );
    expect(await counts()).toEqual(before);
    expect(
      (
        await api.post(
          'core-banking',
          '/v1/performance',
          sale({ customerId: 'PF-NONE', productId: 'DEP-R1' }),
        )
      ).status,
    ).toBe(201);
  });

  it('registers it with an override reason, and audits the override with the entry', async () => {
    const reason = '客户签署风险揭示书，主动要求购买';
    const { status, body } = await api.post(
      'core-banking',
      '/v1/performance',
      sale({ productId: 'FD-R4', suitabilityOverride: { reason } }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({ suitability: 'overridden', suitabilityOverride: { reason } });
    expect(await auditOf(`performance#${body.entryId}`)).toEqual([
      expect.objectContaining({
        action: 'performance.suitability-override',
        actorId: 'core-banking',
        detail: expect.objectContaining({ productRiskLevel: 'R4', customerRiskLevel: 'C3', reason }),
      }),
    ]);
  });
});

describe('who registers', () => {
  it('an RM registers through the workbench, for customers of their own book', async () => {
    const own = await api.post(WJ, '/v1/performance', sale({ channel: 'workbench' }));
    expect(own.status).toBe(201);
    expect(own.body.recordedBy).toBe(WJ);
    const before = await counts();
    expect(paths((await api.post(WJ, '/v1/performance', sale())).body)).toEqual(['body.channel']);
    const other = await api.post(WJ, '/v1/performance', sale({ channel: 'workbench', customerId: 'PF-WJ2' }));
    expect(other.status).toBe(400);
    expect(paths(other.body)).toEqual(['body.customerId']);
    expect(await counts()).toEqual(before);
  });

  it('marketing may not register; a branch manager outside the customer’s subtree cannot see them', async () => {
    expect((await api.post('marketing', '/v1/performance', sale())).status).toBe(403);
    const sideways = await api.post('bm-sh', '/v1/performance', sale({ channel: 'workbench' }));
    expect(sideways.status).toBe(400);
    expect(paths(sideways.body)).toEqual(['body.customerId']);
  });
});

describe('reversal (冲正)', () => {
  it('is a new entry negating the registration, which itself never changes', async () => {
    const registered = (await api.post('core-banking', '/v1/performance', sale())).body;
    const stored = await runtime.document.send(
      new ScanCommand({
        TableName: runtime.tableName('performance-ledger'),
        FilterExpression: 'entryId = :id',
        ExpressionAttributeValues: { ':id': registered.entryId },
      }),
    );
    const before = await counts();
    const reason = '客户当日撤单';
    const reversed = await api.post('bm-bj-cy', `/v1/performance/${registered.entryId}/reverse`, { reason });
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({
      kind: 'reversal',
      registrationId: registered.entryId,
      amountFen: -registered.amountFen,
      points: -registered.points,
      businessDate: registered.businessDate,
      reason,
      recordedBy: 'bm-bj-cy',
    });
    expect(reversed.body.entryId).not.toBe(registered.entryId);
    expect(reversed.body.credits.map((c: { amountFen: number }) => c.amountFen)).toEqual(
      registered.credits.map((c: { amountFen: number }) => -c.amountFen),
    );
    const after = await counts();
    expect(after).toEqual({
      ...before,
      ledger: before.ledger + 1,
      refs: before.refs + 1,
      postings: before.postings + 2,
      audit: before.audit + 1,
    });
    // the registration is untouched; reading it shows its reversal
    const again = await runtime.document.send(
      new ScanCommand({
        TableName: runtime.tableName('performance-ledger'),
        FilterExpression: 'entryId = :id',
        ExpressionAttributeValues: { ':id': registered.entryId },
      }),
    );
    expect(again.Items).toEqual(stored.Items);
    const read = await api.get('admin', `/v1/performance/${registered.entryId}`);
    expect(read.body.reversal).toEqual({
      reversalId: reversed.body.entryId,
      reason,
      recordedAt: reversed.body.recordedAt,
      recordedBy: 'bm-bj-cy',
    });

    // reversing again with the same reason is a retry; with another it is a conflict
    const retry = await api.post('bm-bj-cy', `/v1/performance/${registered.entryId}/reverse`, { reason });
    expect(retry.status).toBe(200);
    expect(retry.body.entryId).toBe(reversed.body.entryId);
    const twice = await api.post('core-banking', `/v1/performance/${registered.entryId}/reverse`, {
      reason: '再冲一次',
    });
    expect(twice.status).toBe(409);
    expect(paths(twice.body)).toEqual(['body.reason']);
    // a reversal is never reversed
    const ofReversal = await api.post('core-banking', `/v1/performance/${reversed.body.entryId}/reverse`, {
      reason,
    });
    expect(ofReversal.status).toBe(409);
    expect(await counts()).toEqual(after);
  });

  it('two reversals at once make one', async () => {
    const registered = (await api.post('core-banking', '/v1/performance', sale())).body;
    const before = await counts();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.post('core-banking', `/v1/performance/${registered.entryId}/reverse`, { reason: '重复冲正请求' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.entryId)).size).toBe(1);
    expect((await counts()).ledger - before.ledger).toBe(1);
  });

  it('needs authority: the branch manager, the channel or the registrar; outside scope it is not found', async () => {
    const byRm = (await api.post(WJ, '/v1/performance', sale({ channel: 'workbench' }))).body;
    const byChannel = (await api.post('core-banking', '/v1/performance', sale())).body;
    expect(
      (
        await api.post('rm-bj-cy-wj-02', `/v1/performance/${byChannel.entryId}/reverse`, {
          reason: '不是我登记的',
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.post(WJ, `/v1/performance/${byChannel.entryId}/reverse`, { reason: '不是我登记的' })).status,
    ).toBe(403);
    expect(
      (await api.post('bm-sh', `/v1/performance/${byChannel.entryId}/reverse`, { reason: '不是我的辖区' }))
        .status,
    ).toBe(404);
    expect(
      (await api.post('marketing', `/v1/performance/${byChannel.entryId}/reverse`, { reason: '不能冲正' }))
        .status,
    ).toBe(403);
    expect(
      (await api.post('core-banking', '/v1/performance/P-NOT-THERE/reverse', { reason: '不存在的登记' }))
        .status,
    ).toBe(404);
    expect(
      (await api.post(WJ, `/v1/performance/${byRm.entryId}/reverse`, { reason: '录入错误' })).status,
    ).toBe(201);
    expect(
      (await api.post('core-banking', `/v1/performance/${byChannel.entryId}/reverse`, { reason: 'x' }))
        .status,
    ).toBe(400);
  });
});

describe('reading the ledger', () => {
  it('lists a staff member’s lines in a period, within scope', async () => {
    const { body } = await api.get(WJ, '/v1/performance?period=2026-11');
    expect(body.staffId).toBe(WJ);
    expect(body.period).toBe('2026-11');
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items.every((p: { businessDate: string }) => p.businessDate.startsWith('2026-11'))).toBe(
      true,
    );
    expect(
      body.items.some((p: { kind: string; amountFen: number }) => p.kind === 'reversal' && p.amountFen < 0),
    ).toBe(true);
    // default: the caller, this month
    expect((await api.get(WJ, '/v1/performance')).body.items).toEqual(body.items);
    const october = await api.get(WJ, '/v1/performance?period=2026-10-31');
    expect(october.body.items.map((p: { productId: string }) => p.productId)).toEqual(['OLD']);
    // their branch manager sees them; an RM sees only themselves; another branch sees no one
    expect((await api.get('bm-bj-cy', `/v1/performance?staffId=${WJ}`)).body.items).toEqual(body.items);
    expect((await api.get('rm-bj-cy-wj-02', `/v1/performance?staffId=${WJ}`)).status).toBe(404);
    expect((await api.get('bm-sh', `/v1/performance?staffId=${WJ}`)).status).toBe(404);
    expect((await api.get('core-banking', `/v1/performance?staffId=${WJ}`)).status).toBe(403);
  });

  it('page by page', async () => {
    const all = (await api.get(WJ, '/v1/performance?limit=200')).body.items;
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await api.get(
        WJ,
        `/v1/performance?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const foreign = Buffer.from(
      JSON.stringify({ staffId: 'rm-bj-cy-wj-02', postingKey: '2026-11-20#P' }),
    ).toString('base64url');
    expect((await api.get(WJ, `/v1/performance?cursor=${foreign}`)).status).toBe(400);
  });

  it('an entry outside scope is not found', async () => {
    const entry = (
      await api.post(
        'core-banking',
        '/v1/performance',
        sale({ customerId: 'PF-SH', credits: [{ staffId: 'rm-sh-pd-ljz-01', sharePct: 100 }] }),
      )
    ).body;
    expect((await api.get('bm-sh', `/v1/performance/${entry.entryId}`)).status).toBe(200);
    expect((await api.get('rm-sh-pd-ljz-01', `/v1/performance/${entry.entryId}`)).status).toBe(200);
    expect((await api.get('bm-bj', `/v1/performance/${entry.entryId}`)).status).toBe(404);
    expect((await api.get(WJ, `/v1/performance/${entry.entryId}`)).status).toBe(404);
  });
});
