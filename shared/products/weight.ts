// Which weight (折算系数) a sale of a product earns points at: the product's own, else its category's,
// else ×1.0. Weights are configuration, so a registration records the one it used (and where it came
// from): changing a weight later changes future points, never the ledger.
import { WEIGHT_ONE_BP, type Product, type ProductCategory } from './product.js';

export interface CategoryWeight {
  category: ProductCategory;
  weightBp: number;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

export type WeightSource = 'product' | 'category' | 'default';

export const effectiveWeight = (
  product: Pick<Product, 'weightBp' | 'category'>,
  categoryWeight: Pick<CategoryWeight, 'weightBp'> | undefined,
): { weightBp: number; source: WeightSource } => {
  if (product.weightBp !== undefined) return { weightBp: product.weightBp, source: 'product' };
  if (categoryWeight) return { weightBp: categoryWeight.weightBp, source: 'category' };
  return { weightBp: WEIGHT_ONE_BP, source: 'default' };
};
