// What the product library's use cases are given: the products and category weights store
// (DynamoDB adapter in dynamo-products.ts).
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Product, ProductCategory } from './product.js';
import type { CategoryWeight } from './weight.js';

export interface ProductStore {
  get(productId: string, consistent?: boolean): Promise<Product | undefined>;
  /** Every product, in code order. */
  all(): Promise<Product[]>;
  /** Creates (expectedVersion undefined) or replaces the version read; false when that condition failed. */
  put(product: Product, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
  categoryWeight(category: ProductCategory): Promise<CategoryWeight | undefined>;
  categoryWeights(): Promise<CategoryWeight[]>;
  putCategoryWeight(weight: CategoryWeight, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
}

/**
 * A number that grows with every product created or replaced (the sum of the products' versions:
 * a product is never deleted, its version only grows): one small projected read tells a cache
 * whether the catalogue it holds is still current.
 */
export interface ProductCatalogueVersion {
  catalogueVersion(): Promise<number>;
}
