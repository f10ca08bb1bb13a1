// The library screens' request and response types, from the zod contracts (types only: nothing of
// the server is bundled).
import type * as z from 'zod';
import type { CreateProduct, ProductView, listProducts } from '#shared/products/api.js';
import type { listArticles } from '#shared/articles/api.js';
import type { Article, ArticleInput } from '#shared/articles/article.js';
import type { ProductCategory, ProductRiskLevel } from '#shared/products/product.js';

export type Product = z.output<typeof ProductView>;
export type NewProduct = z.input<typeof CreateProduct>;
/** PUT /v1/products/{code}: the same content without the code. */
export type ProductContent = Omit<NewProduct, 'code'>;
/** GET /v1/products's query as the screen sends it (the term bounds as numbers: the API coerces). */
export type ProductFilters = Omit<
  z.input<NonNullable<typeof listProducts.query>>,
  'limit' | 'cursor' | 'termDaysMin' | 'termDaysMax'
> & { termDaysMin?: number; termDaysMax?: number };

export type { Article };
export type ArticleContent = z.input<typeof ArticleInput>;
export type ArticleFilters = Omit<z.input<NonNullable<typeof listArticles.query>>, 'limit' | 'cursor'>;

export type { ProductCategory, ProductRiskLevel };
