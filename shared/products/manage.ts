// Keep the product library: add (idempotent per code), replace, read, search; category weights.
// Every write is audited in the same transaction as the change.
import { Conflict, NotFound } from '#shared/errors.js';
import { auditEntry, changesBetween } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { businessDateOf } from '#shared/clock.js';
import { encodeCursor, type Page, type PageKey } from '#shared/http/pagination.js';
import type { CreateProduct, ReplaceProduct } from './api.js';
import {
  isOnSale,
  PRODUCT_CATEGORIES,
  PRODUCT_CONTENT_FIELDS,
  WEIGHT_ONE_BP,
  type Product,
  type ProductCategory,
} from './product.js';
import type { ProductStore } from './ports.js';
import { effectiveWeight, type CategoryWeight } from './weight.js';

const BOOKKEEPING = ['createdAt', 'updatedAt', 'version'];

const contentOf = (input: ReplaceProduct) => ({
  name: input.name,
  category: input.category,
  riskLevel: input.riskLevel,
  ...(input.termDays !== undefined ? { termDays: input.termDays } : {}),
  ...(input.weightBp !== undefined ? { weightBp: input.weightBp } : {}),
  saleStart: input.saleStart,
  ...(input.saleEnd !== undefined ? { saleEnd: input.saleEnd } : {}),
  tags: input.tags,
  ...(input.description ? { description: input.description } : {}),
});

const sameContent = (a: Product, b: Product) =>
  PRODUCT_CONTENT_FIELDS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));

export const productView = (
  product: Product,
  today: string,
  categoryWeight?: Pick<CategoryWeight, 'weightBp'>,
) => ({
  ...product,
  code: product.productId,
  effectiveWeightBp: effectiveWeight(product, categoryWeight).weightBp,
  onSale: isOnSale(product, today),
});
export type ProductView = ReturnType<typeof productView>;

/** A view with today's date and the category's weight filled in. */
export const viewProduct = async (
  store: ProductStore,
  ctx: Pick<RequestContext, 'clock'>,
  product: Product,
) => productView(product, businessDateOf(ctx.clock.now()), await store.categoryWeight(product.category));

export const createProduct = async (
  store: ProductStore,
  ctx: RequestContext,
  input: CreateProduct,
): Promise<{ created: boolean; product: Product }> => {
  const now = ctx.clock.now().toISOString();
  const product: Product = {
    productId: input.code,
    ...contentOf(input),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const audit = auditEntry(auditContext(ctx), `product#${product.productId}`, 'product.create', {
    changes: changesBetween(undefined, product, BOOKKEEPING),
  });
  if (await store.put(product, audit)) return { created: true, product };
  const existing = await store.get(product.productId, true);
  if (existing && sameContent(existing, product)) return { created: false, product: existing };
  throw new Conflict(
    `Product ${product.productId} exists already with different content; PUT to change it.`,
    [{ path: 'body.code', message: 'is taken by another product' }],
  );
};

export const getProduct = async (store: ProductStore, productId: string): Promise<Product> => {
  const product = await store.get(productId);
  if (!product) throw new NotFound(`Product ${productId}`);
  return product;
};

export const replaceProduct = async (
  store: ProductStore,
  ctx: RequestContext,
  productId: string,
  input: ReplaceProduct,
): Promise<Product> => {
  const current = await store.get(productId, true);
  if (!current) throw new NotFound(`Product ${productId}`);
  const next: Product = {
    productId,
    ...contentOf(input),
    createdAt: current.createdAt,
    updatedAt: current.updatedAt,
    version: current.version,
  };
  if (sameContent(current, next)) return current;
  next.updatedAt = ctx.clock.now().toISOString();
  next.version = current.version + 1;
  const audit = auditEntry(auditContext(ctx), `product#${productId}`, 'product.update', {
    changes: changesBetween(current, next, BOOKKEEPING),
  });
  if (!(await store.put(next, audit, current.version))) {
    throw new Conflict(
      `Product ${productId} was changed by someone else meanwhile; read it again and retry.`,
    );
  }
  return next;
};

export interface ProductSearch {
  limit: number;
  cursor?: PageKey;
  q?: string;
  tag?: string[];
  category?: ProductCategory;
  riskLevel?: string;
  onSale?: 'true' | 'false';
  /** Term in days, inclusive; an open-ended product (no term) matches neither bound. */
  termDaysMin?: number;
  termDaysMax?: number;
  /** On sale at some business day of saleFrom…saleTo (inclusive; either end may be open). */
  saleFrom?: string;
  saleTo?: string;
}

const inTerm = (product: Product, min: number | undefined, max: number | undefined) =>
  (min === undefined && max === undefined) ||
  (product.termDays !== undefined &&
    (min === undefined || product.termDays >= min) &&
    (max === undefined || product.termDays <= max));

/** The product's sale window overlaps saleFrom…saleTo. */
const inSaleWindow = (product: Product, from: string | undefined, to: string | undefined) =>
  (to === undefined || product.saleStart <= to) &&
  (from === undefined || product.saleEnd === undefined || product.saleEnd >= from);

/** Does the product match the search? Text matches code, name, description or a tag, ignoring case. */
export const matchesSearch = (
  product: Product,
  search: Omit<ProductSearch, 'limit' | 'cursor'>,
  today: string,
) => {
  if (search.category && product.category !== search.category) return false;
  if (search.riskLevel && product.riskLevel !== search.riskLevel) return false;
  if (search.tag && !search.tag.every((t) => product.tags.includes(t))) return false;
  if (search.onSale && isOnSale(product, today) !== (search.onSale === 'true')) return false;
  if (!inTerm(product, search.termDaysMin, search.termDaysMax)) return false;
  if (!inSaleWindow(product, search.saleFrom, search.saleTo)) return false;
  if (search.q) {
    const q = search.q.toLowerCase();
    const texts = [product.productId, product.name, product.description ?? '', ...product.tags];
    if (!texts.some((t) => t.toLowerCase().includes(q))) return false;
  }
  return true;
};

export const searchProducts = async (
  store: ProductStore,
  ctx: Pick<RequestContext, 'clock'>,
  search: ProductSearch,
): Promise<Page<ProductView>> => {
  const today = businessDateOf(ctx.clock.now());
  const [all, weights] = await Promise.all([store.all(), store.categoryWeights()]);
  const weightOf = new Map(weights.map((w) => [w.category, w]));
  const after = typeof search.cursor?.productId === 'string' ? search.cursor.productId : undefined;
  const matching = all.filter(
    (p) => (after === undefined || p.productId > after) && matchesSearch(p, search, today),
  );
  const page = matching.slice(0, search.limit);
  const more = matching.length > search.limit;
  return {
    items: page.map((p) => productView(p, today, weightOf.get(p.category))),
    ...(more ? { nextCursor: encodeCursor({ productId: page[page.length - 1]!.productId }) } : {}),
  };
};

export const categoryWeightView = (category: ProductCategory, weight: CategoryWeight | undefined) =>
  weight ? { ...weight, configured: true } : { category, weightBp: WEIGHT_ONE_BP, configured: false };

export const listCategoryWeights = async (store: ProductStore) => {
  const weights = new Map((await store.categoryWeights()).map((w) => [w.category, w]));
  return { items: PRODUCT_CATEGORIES.map((c) => categoryWeightView(c, weights.get(c))) };
};

export const putCategoryWeight = async (
  store: ProductStore,
  ctx: RequestContext,
  category: ProductCategory,
  weightBp: number,
) => {
  const current = await store.categoryWeight(category);
  if (current?.weightBp === weightBp) return categoryWeightView(category, current);
  const next: CategoryWeight = {
    category,
    weightBp,
    updatedAt: ctx.clock.now().toISOString(),
    updatedBy: ctx.caller.staffId,
    version: (current?.version ?? 0) + 1,
  };
  const audit = auditEntry(auditContext(ctx), `product-category#${category}`, 'product-category.weight', {
    changes: { weightBp: { before: current?.weightBp, after: weightBp } },
  });
  if (!(await store.putCategoryWeight(next, audit, current?.version))) {
    throw new Conflict(`The weight of ${category} was changed by someone else meanwhile; retry.`);
  }
  return categoryWeightView(category, next);
};
