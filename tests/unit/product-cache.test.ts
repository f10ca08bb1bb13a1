// The product library held per container for the stream consumers (shared/products/product-cache.ts):
// served from memory within the TTL, a changed catalogue seen on the first read after it, a product
// created since the catalogue was read found at once, and a write path's consistent read never cached.
import { describe, expect, it } from 'vitest';
import { cachedProductLookup } from '#shared/products/product-cache.js';
import type { Product } from '#shared/products/product.js';

const product = (productId: string, termDays: number, version = 1): Product => ({
  productId,
  name: productId,
  category: 'time_deposit',
  riskLevel: 'R1',
  termDays,
  saleStart: '2026-01-01',
  tags: [],
  createdAt: 't',
  updatedAt: 't',
  version,
});

/** A product store over a map, counting what is asked of it. */
const storeOf = (...products: Product[]) => {
  const byId = new Map(products.map((p) => [p.productId, p]));
  const reads = { get: 0, all: 0, version: 0 };
  return {
    reads,
    put: (p: Product) => byId.set(p.productId, p),
    store: {
      get: async (productId: string) => {
        reads.get++;
        return byId.get(productId);
      },
      all: async () => {
        reads.all++;
        return [...byId.values()];
      },
      catalogueVersion: async () => {
        reads.version++;
        return [...byId.values()].reduce((sum, p) => sum + p.version, 0);
      },
    },
  };
};

describe('cachedProductLookup', () => {
  it('reads the catalogue once within the TTL, then only its version while unchanged', async () => {
    process.env.OCRM_PRODUCT_CACHE_SECONDS = '30';
    let now = 0;
    const s = storeOf(product('TD-7', 7), product('TD-30', 30));
    const products = cachedProductLookup(s.store, () => now);
    for (let i = 0; i < 100; i++)
      expect((await products.get(i % 2 ? 'TD-7' : 'TD-30'))?.termDays).toBe(i % 2 ? 7 : 30);
    expect(s.reads).toEqual({ get: 0, all: 1, version: 0 });
    now += 30_000;
    expect((await products.get('TD-7'))?.termDays).toBe(7);
    expect(s.reads).toEqual({ get: 0, all: 1, version: 1 });
  });

  it('sees a changed product on the first read after the TTL', async () => {
    process.env.OCRM_PRODUCT_CACHE_SECONDS = '30';
    let now = 0;
    const s = storeOf(product('TD-7', 7));
    const products = cachedProductLookup(s.store, () => now);
    expect((await products.get('TD-7'))?.termDays).toBe(7);
    s.put(product('TD-7', 14, 2));
    now += 29_999;
    expect((await products.get('TD-7'))?.termDays).toBe(7);
    now += 1;
    expect((await products.get('TD-7'))?.termDays).toBe(14);
    expect(s.reads.all).toBe(2);
  });

  it('with no TTL, sees every change on the next read', async () => {
    process.env.OCRM_PRODUCT_CACHE_SECONDS = '0';
    const s = storeOf(product('TD-7', 7));
    const products = cachedProductLookup(s.store, () => 0);
    for (let version = 1; version <= 5; version++) {
      s.put(product('TD-7', version * 7, version));
      expect((await products.get('TD-7'))?.termDays).toBe(version * 7);
    }
  });

  it('finds a product created since the catalogue was read at once, and reads the catalogue again next', async () => {
    process.env.OCRM_PRODUCT_CACHE_SECONDS = '30';
    const s = storeOf(product('TD-7', 7));
    const products = cachedProductLookup(s.store, () => 0);
    await products.get('TD-7');
    s.put(product('TD-90', 90));
    expect((await products.get('TD-90'))?.termDays).toBe(90);
    expect(s.reads).toMatchObject({ get: 1, all: 1 });
    expect((await products.get('TD-90'))?.termDays).toBe(90);
    expect(s.reads).toMatchObject({ get: 1, all: 2 });
    // an unknown product is not there, whatever is held
    expect(await products.get('NOPE')).toBeUndefined();
  });

  it('sends a consistent read (a write path checking the version it replaces) to the store', async () => {
    process.env.OCRM_PRODUCT_CACHE_SECONDS = '30';
    const s = storeOf(product('TD-7', 7));
    const products = cachedProductLookup(s.store, () => 0);
    await products.get('TD-7');
    s.put(product('TD-7', 14, 2));
    expect((await products.get('TD-7', true))?.termDays).toBe(14);
    expect(s.reads.get).toBe(1);
  });
});
