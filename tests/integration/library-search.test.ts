// Searching the libraries by the fields the screens filter on: a product's term (days, inclusive;
// open-ended products have none) and its sale window overlapping a range; an article's publish day
// (Asia/Shanghai) in a range — on top of what each reader may see. Bad input names every field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { product } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;

// 10:00 on 20 November 2026 in Shanghai
beforeAll(async () => {
  runtime = await startTestRuntime({ demoCustomers: 0, streams: false, now: '2026-11-20T02:00:00Z' });
  api = apiClient(runtime);
  const products = [
    product({ code: 'ST-30', termDays: 30, saleStart: '2026-11-01', saleEnd: '2026-11-30' }),
    product({ code: 'ST-365', termDays: 365, saleStart: '2026-12-01', saleEnd: undefined }),
    product({ code: 'ST-OPEN', termDays: undefined, saleStart: '2026-10-01', saleEnd: '2026-10-31' }),
  ];
  for (const p of products) {
    const created = await api.post('admin', '/v1/products', { ...p, tags: ['search-test'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  const articles = [
    { title: 'Nov 1', publishFrom: '2026-11-01T00:00:00+08:00' },
    { title: 'Nov 10 late', publishFrom: '2026-11-10T23:30:00+08:00' },
    { title: 'Dec 1', publishFrom: '2026-12-01T09:00:00+08:00' },
  ];
  for (const a of articles) {
    const created = await api.post('admin', '/v1/articles', { ...a, body: '正文', tags: ['window-test'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
});
afterAll(() => runtime?.stop());

/** The fields a problem names (a value can fail more than one check). */
const fields = (errors: { path: string }[]) => [...new Set(errors.map((e) => e.path))].sort();

const codes = async (as: string, query: string) => {
  const response = await api.get(as, `/v1/products?tag=search-test&${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((p: { code: string }) => p.code);
};
const titles = async (as: string, query: string) => {
  const response = await api.get(as, `/v1/articles?tag=window-test&${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((a: { title: string }) => a.title);
};

describe('products by term and sale window', () => {
  it('filters by term, inclusive; an open-ended product matches no term', async () => {
    expect(await codes('rm-bj-cy-wj-01', '')).toEqual(['ST-30', 'ST-365', 'ST-OPEN']);
    expect(await codes('rm-bj-cy-wj-01', 'termDaysMax=30')).toEqual(['ST-30']);
    expect(await codes('rm-bj-cy-wj-01', 'termDaysMin=31')).toEqual(['ST-365']);
    expect(await codes('rm-bj-cy-wj-01', 'termDaysMin=30&termDaysMax=365')).toEqual(['ST-30', 'ST-365']);
    expect(await codes('rm-bj-cy-wj-01', 'termDaysMin=31&termDaysMax=364')).toEqual([]);
  });

  it('filters by a sale window overlapping the range, with either end open', async () => {
    expect(await codes('bm-bj', 'saleFrom=2026-12-01')).toEqual(['ST-365']);
    expect(await codes('bm-bj', 'saleTo=2026-10-31')).toEqual(['ST-OPEN']);
    expect(await codes('bm-bj', 'saleFrom=2026-11-15&saleTo=2026-11-15')).toEqual(['ST-30']);
    expect(await codes('bm-bj', 'saleFrom=2026-10-31&saleTo=2026-11-01')).toEqual(['ST-30', 'ST-OPEN']);
    // with the other filters
    expect(await codes('marketing', 'saleFrom=2026-10-01&onSale=true')).toEqual(['ST-30']);
    expect(await codes('marketing', 'saleFrom=2026-10-01&termDaysMin=1&riskLevel=R3')).toEqual([]);
  });

  it('names every bad parameter', async () => {
    const bad = await api.get(
      'rm-bj-cy-wj-01',
      '/v1/products?termDaysMin=0&termDaysMax=1.5&saleFrom=2026-02-30&saleTo=soon',
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(fields(bad.body.errors)).toEqual([
      'query.saleFrom',
      'query.saleTo',
      'query.termDaysMax',
      'query.termDaysMin',
    ]);
  });
});

describe('articles by publish day', () => {
  it('filters by the business day an article is published from, on top of what the reader may see', async () => {
    expect(await titles('admin', '')).toEqual(['Dec 1', 'Nov 10 late', 'Nov 1']);
    // 23:30 in Shanghai on the 10th is the 10th's, though it is 15:30 UTC
    expect(await titles('admin', 'publishedFrom=2026-11-10')).toEqual(['Dec 1', 'Nov 10 late']);
    expect(await titles('admin', 'publishedTo=2026-11-09')).toEqual(['Nov 1']);
    expect(await titles('admin', 'publishedFrom=2026-11-10&publishedTo=2026-11-10')).toEqual(['Nov 10 late']);
    // an RM sees only what is published now: December's is not yet
    expect(await titles('rm-bj-cy-wj-01', 'publishedFrom=2026-11-10')).toEqual(['Nov 10 late']);
    expect(await titles('rm-bj-cy-wj-01', 'publishedFrom=2026-11-21')).toEqual([]);
  });

  it('names every bad parameter', async () => {
    const bad = await api.get('rm-bj-cy-wj-01', '/v1/articles?publishedFrom=2026-11&publishedTo=2026-11-31');
    expect(bad.status).toBe(400);
    expect(fields(bad.body.errors)).toEqual(['query.publishedFrom', 'query.publishedTo']);
  });
});
