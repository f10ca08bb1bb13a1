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
