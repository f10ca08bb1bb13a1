// A product of the product library (产品库): what RMs sell and register performance for. The product
// code (产品代码) is its id. Risk level R1–R5 (产品风险等级) meets the customer's C1–C5 in the
// suitability check; the weight (折算系数) turns a sale's amount into performance points.
import * as z from 'zod';
import { ASSET_CLASSES } from '#shared/transactions/transaction.js';
import { PRODUCT_CODE, PRODUCT_CONTENT_FIELDS } from './fields.js';

export { PRODUCT_CONTENT_FIELDS };

/** Product categories are the asset classes a sale moves money into (金融资产). */
export const PRODUCT_CATEGORIES = ASSET_CLASSES;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const PRODUCT_RISK_LEVELS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export type ProductRiskLevel = (typeof PRODUCT_RISK_LEVELS)[number];

/** Weights are integer basis points: 10 000 = ×1.0, 15 000 = ×1.5. Never a float. */
export const WEIGHT_ONE_BP = 10_000;
export const MAX_WEIGHT_BP = 100_000;
export const WeightBp = z
  .number()
  .int('must be a whole number of basis points (10000 = ×1.0)')
  .min(0)
  .max(MAX_WEIGHT_BP, `must be at most ${MAX_WEIGHT_BP} (×10)`);

export const ProductId = z.string().regex(PRODUCT_CODE, 'upper-case letters, digits, _ or -, at most 32');

export const ProductRecord = z.object({
  /** The product code. */
  productId: ProductId,
  name: z.string().min(1),
  category: z.enum(PRODUCT_CATEGORIES),
  riskLevel: z.enum(PRODUCT_RISK_LEVELS),
  /** Term in days; absent for open-ended products (活期, open-ended funds). */
  termDays: z.number().int().optional(),
  /** Absent: the category's weight applies. */
  weightBp: z.number().int().optional(),
  /** On sale from this business day (Asia/Shanghai), inclusive. */
  saleStart: z.string(),
  /** On sale until this business day, inclusive; absent: open-ended. */
  saleEnd: z.string().optional(),
  tags: z.array(z.string()),
  description: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Product = z.infer<typeof ProductRecord>;

export const isOnSale = (product: Pick<Product, 'saleStart' | 'saleEnd'>, businessDate: string): boolean =>
  businessDate >= product.saleStart && (product.saleEnd === undefined || businessDate <= product.saleEnd);

export const riskRank = (level: string): number => Number(level.slice(1));
