// What the library screens read and change: products and articles page by page with the filters the
// API searches on, and the admin's writes (which refresh the lists).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { usePagedList } from '../api/paged';
import { useAuth } from '../auth/AuthProvider';
import { LIBRARY_WRITERS } from './writers';
import type {
  Article,
  ArticleContent,
  ArticleFilters,
  NewProduct,
  Product,
  ProductContent,
  ProductFilters,
} from './types';

export const useMayWriteLibrary = (): boolean => {
  const { me } = useAuth();
  return (LIBRARY_WRITERS as readonly string[]).includes(me?.role ?? '');
};

export const useProductList = (filters: ProductFilters) =>
  usePagedList<Product>({ key: ['library', 'products'], path: '/v1/products', query: filters, limit: 50 });

export const useArticleList = (filters: ArticleFilters) =>
  usePagedList<Article>({ key: ['library', 'articles'], path: '/v1/articles', query: filters, limit: 20 });

const useInvalidate = (what: 'products' | 'articles') => {
  const queries = useQueryClient();
  // the performance screen's product choices read the library too
  return () =>
    Promise.all([
      queries.invalidateQueries({ queryKey: ['library', what] }),
      queries.invalidateQueries({ queryKey: [what] }),
    ]);
};

/** Creates (no code given) or replaces the product with that code. */
export const useSaveProduct = () => {
  const onSuccess = useInvalidate('products');
  return useMutation({
    mutationFn: ({ code, content }: { code?: string; content: NewProduct | ProductContent }) =>
      code === undefined
        ? api.post<Product>('/v1/products', content)
        : api.put<Product>(`/v1/products/${encodeURIComponent(code)}`, content),
    onSuccess,
  });
};

/** Publishes (no id given) or replaces the article with that id. */
export const useSaveArticle = () => {
  const onSuccess = useInvalidate('articles');
  return useMutation({
    mutationFn: ({ articleId, content }: { articleId?: string; content: ArticleContent }) =>
      articleId === undefined
        ? api.post<Article>('/v1/articles', content)
        : api.put<Article>(`/v1/articles/${encodeURIComponent(articleId)}`, content),
    onSuccess,
  });
};
