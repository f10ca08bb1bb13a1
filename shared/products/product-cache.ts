// A decorator over the product store for the stream consumers that look a product up per record
// (the maturity of each fixed-term sale): the catalogue held per container on the one
// reference-data cache (shared/cache/versioned-cache.ts), as the tier policy is.
import { versionedCache } from '#shared/cache/versioned-cache.js';
import type { Product } from './product.js';
import type { ProductCatalogueVersion, ProductStore } from './ports.js';

const versionOf = (products: readonly Product[]) =>
  products.reduce((sum, p) => sum + (typeof p.version === 'number' ? p.version : 0), 0);

/**
 * Products by code, the catalogue read whole once and held for `OCRM_PRODUCT_CACHE_SECONDS`
 * (default 30): a batch of a hundred ledger entries reads it once, not a hundred times. After that
 * the catalogue's version (one small projected read) decides whether to read it again, so a
 * product changed or created reaches the consumers within that time. A product the catalogue held
 * does not know yet (created since) is read directly, and the catalogue read again on the next get.
 * A term changed in that window applies to sales processed after it: a sale is normally processed
 * seconds after it is registered, and a product's term changes on a product decision, not mid-sale.
 */
export const cachedProductLookup = (
  store: Pick<ProductStore, 'get' | 'all'> & ProductCatalogueVersion,
  now: () => number = Date.now,
): Pick<ProductStore, 'get'> => {
  let wanted: number | undefined;
  const cache = versionedCache(
    {
      version: () => store.catalogueVersion(),
      load: async () => {
        const products = await store.all();
        return { version: versionOf(products), value: new Map(products.map((p) => [p.productId, p])) };
      },
    },
    { ttlMs: () => Number(process.env.OCRM_PRODUCT_CACHE_SECONDS ?? 30) * 1000, now },
  );
  return {
    async get(productId, consistent = false) {
      // a write path's read of the version it replaces goes to the store
      if (consistent) return store.get(productId, true);
      const atLeast = wanted;
      wanted = undefined;
      const held = (await cache.get(atLeast)).get(productId);
      if (held) return held;
      const read = await store.get(productId);
      // a product newer than the catalogue held: the next get reads it again
      if (read) wanted = (cache.version() ?? 0) + 1;
      return read;
    },
  };
};
