// The product library's rules: sale window, weight precedence, search, and the input schema.
import { describe, expect, it } from 'vitest';
import { isOnSale, type Product } from '#shared/products/product.js';
import { effectiveWeight } from '#shared/products/weight.js';
import { matchesSearch } from '#shared/products/manage.js';
import { CreateProduct, ReplaceProduct } from '#shared/products/api.js';
import { product as productInput } from '../support/builders.js';

const product: Product = {
  productId: 'WM2026001',
  name: '稳享理财90天',
  category: 'wealth',
  riskLevel: 'R2',
  termDays: 90,
  saleStart: '2026-11-01',
  saleEnd: '2026-11-30',
  tags: ['稳健', '新客专享'],
  description: 'Fixed-term wealth management, 90 days',
  createdAt: 't',
  updatedAt: 't',
  version: 1,
};

describe('sale window', () => {
  it('is inclusive at both ends; open-ended without an end', () => {
    expect(isOnSale(product, '2026-10-31')).toBe(false);
    expect(isOnSale(product, '2026-11-01')).toBe(true);
    expect(isOnSale(product, '2026-11-30')).toBe(true);
    expect(isOnSale(product, '2026-12-01')).toBe(false);
    expect(isOnSale({ saleStart: '2026-11-01' }, '2099-01-01')).toBe(true);
  });
});

describe('weight (折算系数)', () => {
  it('the product’s own, else its category’s, else ×1.0', () => {
    expect(effectiveWeight({ ...product, weightBp: 15_000 }, { weightBp: 12_000 })).toEqual({
      weightBp: 15_000,
      source: 'product',
    });
    expect(effectiveWeight({ ...product, weightBp: 0 }, { weightBp: 12_000 })).toEqual({
      weightBp: 0,
      source: 'product',
    });
    expect(effectiveWeight(product, { weightBp: 12_000 })).toEqual({ weightBp: 12_000, source: 'category' });
    expect(effectiveWeight(product, undefined)).toEqual({ weightBp: 10_000, source: 'default' });
  });
});

describe('search by text and tag', () => {
  const today = '2026-11-15';
  it('text matches code, name, description or tag, ignoring case', () => {
    expect(matchesSearch(product, { q: 'wm2026' }, today)).toBe(true);
    expect(matchesSearch(product, { q: '稳享' }, today)).toBe(true);
    expect(matchesSearch(product, { q: 'FIXED-TERM' }, today)).toBe(true);
    expect(matchesSearch(product, { q: '新客' }, today)).toBe(true);
    expect(matchesSearch(product, { q: '基金' }, today)).toBe(false);
  });
  it('tags must all be there; filters combine', () => {
    expect(matchesSearch(product, { tag: ['稳健'] }, today)).toBe(true);
    expect(matchesSearch(product, { tag: ['稳健', '新客专享'] }, today)).toBe(true);
    expect(matchesSearch(product, { tag: ['稳健', '高收益'] }, today)).toBe(false);
    expect(matchesSearch(product, { category: 'wealth', riskLevel: 'R2', onSale: 'true' }, today)).toBe(true);
    expect(matchesSearch(product, { onSale: 'true' }, '2026-12-01')).toBe(false);
    expect(matchesSearch(product, { onSale: 'false' }, '2026-12-01')).toBe(true);
    expect(matchesSearch(product, { category: 'fund' }, today)).toBe(false);
  });
});

describe('product input', () => {
  const valid = productInput({ tags: ['稳健'] });
  const paths = (schema: typeof CreateProduct | typeof ReplaceProduct, body: unknown) => {
    const result = schema.safeParse(body);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };
  it('accepts a product and defaults its tags', () => {
    const { tags: _tags, ...untagged } = valid;
    expect(CreateProduct.parse(untagged).tags).toEqual([]);
  });
  it('names every failing field', () => {
    expect(
      paths(CreateProduct, {
        ...valid,
        code: 'wm 1',
        riskLevel: 'R6',
        weightBp: 1.5,
        saleStart: '2026-02-30',
        category: 'crypto',
      }).sort(),
    ).toEqual(['category', 'code', 'riskLevel', 'saleStart', 'weightBp']);
    expect(paths(CreateProduct, { ...valid, saleEnd: '2026-10-01' })).toEqual(['saleEnd']);
    expect(paths(CreateProduct, { ...valid, tags: ['a', 'a'] })).toEqual(['tags']);
    expect(paths(CreateProduct, { ...valid, surprise: true })).toEqual(['']);
    expect(paths(ReplaceProduct, valid)).toEqual(['']); // the code is the path's, not the body's
  });
});
