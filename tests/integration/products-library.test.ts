// The product library over HTTP on DynamoDB Local: admins write (audited, idempotent per code),
// everyone reads and searches by text and tag; category weights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { theAuditTrailOf } from '../support/steps/index.js';
import { product } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 3, now: '2026-11-20T02:00:00.000Z', streams: false });
  api = apiClient(runtime);
});
afterAll(() => runtime?.stop());

const { code: _code, ...content } = product();

const countProducts = async () =>
  (
    await runtime.document.send(
      new ScanCommand({ TableName: runtime.tableName('products'), Select: 'COUNT' }),
    )
  ).Count;
const auditOf = (entityKey: string) => theAuditTrailOf(runtime, entityKey);

describe('writing the library', () => {
  it('an admin adds a product; everyone reads it', async () => {
    const created = await api.post('admin', '/v1/products', product());
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/products/WM2026001');
    expect(created.body).toMatchObject({
      productId: 'WM2026001',
      code: 'WM2026001',
      riskLevel: 'R2',
      weightBp: 12_000,
      effectiveWeightBp: 12_000,
      onSale: true,
      version: 1,
    });
    for (const reader of ['rm-bj-cy-wj-01', 'bm-bj', 'marketing', 'core-banking']) {
      const read = await api.get(reader, '/v1/products/WM2026001');
      expect(read.status, reader).toBe(200);
      expect(read.body).toEqual(created.body);
    }
    expect(await auditOf('product#WM2026001')).toEqual([
      expect.objectContaining({ action: 'product.create', actorId: 'admin' }),
    ]);
  });

  it('is idempotent per code: the same again → 200, other content → 409, nothing written twice', async () => {
    const before = await countProducts();
    const again = await api.post('admin', '/v1/products', product());
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const other = await api.post('admin', '/v1/products', product({ riskLevel: 'R4' }));
    expect(other.status).toBe(409);
    expect(other.body.errors).toEqual([{ path: 'body.code', message: 'is taken by another product' }]);
    expect(await countProducts()).toBe(before);
  });

  it('PUT replaces the content, audited, versioned; the same content again changes nothing', async () => {
    const changed = await api.put('admin', '/v1/products/WM2026001', {
      ...content,
      riskLevel: 'R3',
      weightBp: 15_000,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ riskLevel: 'R3', weightBp: 15_000, version: 2 });
    const same = await api.put('admin', '/v1/products/WM2026001', {
      ...content,
      riskLevel: 'R3',
      weightBp: 15_000,
    });
    expect(same.body.version).toBe(2);
    const audit = await auditOf('product#WM2026001');
    expect(audit.map((a) => a.action)).toEqual(['product.create', 'product.update']);
    expect(audit[1]!.changes).toEqual({
      riskLevel: { before: 'R2', after: 'R3' },
      weightBp: { before: 12_000, after: 15_000 },
    });
    expect((await api.put('admin', '/v1/products/NOPE', content)).status).toBe(404);
  });

  it('only an admin writes', async () => {
    for (const who of ['rm-bj-cy-wj-01', 'bm-bj', 'marketing', 'core-banking']) {
      expect((await api.post(who, '/v1/products', product({ code: 'X1' }))).status, who).toBe(403);
      expect((await api.put(who, '/v1/products/WM2026001', content)).status, who).toBe(403);
      expect((await api.put(who, '/v1/product-categories/fund', { weightBp: 1 })).status, who).toBe(403);
    }
    expect((await api.get('admin', '/v1/products/X1')).status).toBe(404);
  });

  it('refuses bad products with every failing path and writes nothing', async () => {
    const before = await countProducts();
    const { status, body } = await api.post('admin', '/v1/products', {
      ...product({ code: 'bad code', riskLevel: 'R9', weightBp: 1.25, saleEnd: '2026-10-01' }),
      surprise: 1,
    });
    expect(status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body',
      'body.code',
      'body.riskLevel',
      'body.weightBp',
    ]);
    const window = await api.post('admin', '/v1/products', product({ code: 'WIN1', saleEnd: '2026-10-01' }));
    expect(window.status).toBe(400);
    expect(window.body.errors).toEqual([{ path: 'body.saleEnd', message: 'must not be before saleStart' }]);
    expect(await countProducts()).toBe(before);
  });
});

describe('category weights', () => {
  it('lists every category, ×1.0 until set; a product without its own weight takes its category’s', async () => {
    const listed = await api.get('rm-bj-cy-wj-01', '/v1/product-categories');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(8);
    expect(listed.body.items.find((c: { category: string }) => c.category === 'fund')).toEqual({
      category: 'fund',
      weightBp: 10_000,
      configured: false,
    });
    const put = await api.put('admin', '/v1/product-categories/fund', { weightBp: 8_000 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      category: 'fund',
      weightBp: 8_000,
      configured: true,
      updatedBy: 'admin',
      version: 1,
    });
    const { weightBp: _own, ...noWeight } = product({
      code: 'FD001',
      name: '沪深300指数基金',
      category: 'fund',
      riskLevel: 'R3',
      tags: ['指数'],
    });
    const fund = await api.post('admin', '/v1/products', noWeight);
    expect(fund.body).toMatchObject({ effectiveWeightBp: 8_000 });
    expect(fund.body.weightBp).toBeUndefined();
    expect((await api.put('admin', '/v1/product-categories/crypto', { weightBp: 1 })).status).toBe(400);
    expect((await api.put('admin', '/v1/product-categories/fund', { weightBp: -1 })).status).toBe(400);
  });
});

describe('searching the library', () => {
  beforeAll(async () => {
    const more = [
      product({
        code: 'DEP001',
        name: '大额存单3年',
        category: 'time_deposit',
        riskLevel: 'R1',
        tags: ['保本'],
        saleStart: '2026-01-01',
        saleEnd: undefined,
        description: undefined,
      }),
      product({
        code: 'INS001',
        name: '养老年金保险',
        category: 'insurance',
        riskLevel: 'R2',
        tags: ['养老', '稳健'],
        saleStart: '2026-12-01',
        saleEnd: undefined,
      }),
      product({
        code: 'OLD001',
        name: '到期理财',
        riskLevel: 'R2',
        tags: ['稳健'],
        saleStart: '2025-01-01',
        saleEnd: '2025-12-31',
      }),
    ];
    for (const p of more) expect((await api.post('admin', '/v1/products', p)).status).toBe(201);
  });
  const codes = async (query: string) => {
    const { status, body } = await api.get('rm-bj-cy-wj-01', `/v1/products?${query}`);
    expect(status, query).toBe(200);
    return body.items.map((p: { code: string }) => p.code);
  };

  it('by text (code, name, description, tag) and by tags (all of them)', async () => {
    expect(await codes(`q=${encodeURIComponent('理财')}`)).toEqual(['OLD001', 'WM2026001']);
    expect(await codes('q=dep')).toEqual(['DEP001']);
    expect(await codes(`tag=${encodeURIComponent('稳健')}`)).toEqual(['INS001', 'OLD001', 'WM2026001']);
    expect(await codes(`tag=${encodeURIComponent('稳健,养老')}`)).toEqual(['INS001']);
    expect(await codes(`q=${encodeURIComponent('养老')}&category=insurance`)).toEqual(['INS001']);
  });

  it('by category, risk level and what is on sale today', async () => {
    expect(await codes('category=time_deposit')).toEqual(['DEP001']);
    expect(await codes('riskLevel=R3')).toEqual(['FD001', 'WM2026001']);
    expect(await codes('onSale=true')).toEqual(['DEP001', 'FD001', 'WM2026001']);
    expect(await codes('onSale=false')).toEqual(['INS001', 'OLD001']);
  });

  it('page by page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await api.get('bm-bj', `/v1/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((p: { code: string }) => p.code));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['DEP001', 'FD001', 'INS001', 'OLD001', 'WM2026001']);
    expect((await api.get('bm-bj', '/v1/products?riskLevel=R7')).status).toBe(400);
  });
});
