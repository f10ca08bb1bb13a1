// HTTP contracts for the product library (产品库): admins write, everyone reads; search by text and tag.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { ROLES } from '#shared/auth/caller.js';
import { BusinessDate } from '#shared/transactions/transaction.js';
import { PRODUCT_CATEGORIES, PRODUCT_RISK_LEVELS, ProductId, WeightBp } from './product.js';

const Tag = z.string().trim().min(1).max(32);

const ProductContent = z.strictObject({
  name: z.string().trim().min(1).max(64),
  category: z.enum(PRODUCT_CATEGORIES),
  riskLevel: z.enum(PRODUCT_RISK_LEVELS),
  termDays: z.number().int().min(1).max(36_500).optional(),
  /** Absent: the category's weight applies. */
  weightBp: WeightBp.optional(),
  saleStart: BusinessDate,
  saleEnd: BusinessDate.optional(),
  tags: z
    .array(Tag)
    .max(20)
    .default([])
    .refine((tags) => new Set(tags).size === tags.length, 'tags must not repeat'),
  description: z.string().trim().max(2000).optional(),
});

const saleWindow = <T extends { saleStart: string; saleEnd?: string | undefined }>(p: T) =>
  p.saleEnd === undefined || p.saleEnd >= p.saleStart;
const saleWindowIssue = { message: 'must not be before saleStart', path: ['saleEnd'] };

export const CreateProduct = ProductContent.extend({ code: ProductId }).refine(saleWindow, saleWindowIssue);
export type CreateProduct = z.infer<typeof CreateProduct>;

/** PUT replaces the product's content (the code never changes). */
export const ReplaceProduct = ProductContent.refine(saleWindow, saleWindowIssue);
export type ReplaceProduct = z.infer<typeof ReplaceProduct>;

export const ProductView = z.object({
  productId: z.string().describe('the product code'),
  code: z.string(),
  name: z.string(),
  category: z.enum(PRODUCT_CATEGORIES),
  riskLevel: z.enum(PRODUCT_RISK_LEVELS),
  termDays: z.number().optional(),
  weightBp: z.number().optional().describe('own weight in basis points; absent: the category’s'),
  effectiveWeightBp: z.number().describe('the weight a sale today earns points at'),
  saleStart: z.string(),
  saleEnd: z.string().optional(),
  onSale: z.boolean().describe('on sale today (Asia/Shanghai)'),
  tags: z.array(z.string()),
  description: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

const ProductParams = z.object({ productId: ProductId });
const READERS = ROLES;

export const createProduct = defineRoute({
  method: 'POST',
  path: '/v1/products',
  summary: 'Add a product to the library (idempotent per code: same content → 200, other content → 409)',
  auth: 'jwt',
  roles: ['admin'],
  body: CreateProduct,
  response: ProductView,
  successStatus: 201,
});

export const replaceProduct = defineRoute({
  method: 'PUT',
  path: '/v1/products/{productId}',
  summary: 'Replace a product’s content (name, category, risk level, term, weight, sale window, tags)',
  auth: 'jwt',
  roles: ['admin'],
  params: ProductParams,
  body: ReplaceProduct,
  response: ProductView,
});

export const getProduct = defineRoute({
  method: 'GET',
  path: '/v1/products/{productId}',
  summary: 'One product',
  auth: 'jwt',
  roles: READERS,
  params: ProductParams,
  response: ProductView,
});

const Tags = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()))
  .pipe(z.array(Tag).min(1).max(10));

const TermDays = z.coerce.number().int().min(1).max(36_500);

export const listProducts = defineRoute({
  method: 'GET',
  path: '/v1/products',
  summary:
    'Search the library: q (code, name, description or tag contains), tag (all of, comma-separated), category, riskLevel, onSale, term (termDaysMin/termDaysMax; open-ended products have none), on sale at some day of saleFrom…saleTo',
  auth: 'jwt',
  roles: READERS,
  query: PageQuery.extend({
    q: z.string().trim().min(1).max(64).optional(),
    tag: Tags.optional(),
    category: z.enum(PRODUCT_CATEGORIES).optional(),
    riskLevel: z.enum(PRODUCT_RISK_LEVELS).optional(),
    onSale: z.enum(['true', 'false']).optional(),
    termDaysMin: TermDays.optional(),
    termDaysMax: TermDays.optional(),
    saleFrom: BusinessDate.optional(),
    saleTo: BusinessDate.optional(),
  }),
  response: pageOf(ProductView),
});

export const CategoryWeightView = z.object({
  category: z.enum(PRODUCT_CATEGORIES),
  weightBp: z.number(),
  configured: z.boolean().describe('false: never set, ×1.0 applies'),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  version: z.number().optional(),
});

export const listCategoryWeights = defineRoute({
  method: 'GET',
  path: '/v1/product-categories',
  summary: 'Every product category with the weight its products earn points at unless they set their own',
  auth: 'jwt',
  roles: READERS,
  response: z.object({ items: z.array(CategoryWeightView) }),
});

export const PutCategoryWeight = z.strictObject({ weightBp: WeightBp });

export const putCategoryWeight = defineRoute({
  method: 'PUT',
  path: '/v1/product-categories/{category}',
  summary: 'Set a category’s weight (basis points, 10000 = ×1.0)',
  auth: 'jwt',
  roles: ['admin'],
  params: z.object({ category: z.enum(PRODUCT_CATEGORIES) }),
  body: PutCategoryWeight,
  response: CategoryWeightView,
});
