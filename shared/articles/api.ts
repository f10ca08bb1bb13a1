// HTTP contracts of the information library (资讯库).
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { STAFF } from '#shared/auth/roles.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { BusinessDate } from '#shared/transactions/transaction.js';
import { ArticleInput } from './article.js';

const ArticleView = z.object({
  articleId: z.string(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  audienceRoles: z.array(z.string()),
  publishFrom: z.string(),
  publishUntil: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
const ArticleParams = z.object({ articleId: z.string().regex(/^N[0-9A-Z]{26}$/, 'is not an article id') });

export const createArticle = defineRoute({
  method: 'POST',
  path: '/v1/articles',
  summary: 'Publish an article to the information library',
  auth: 'jwt',
  roles: ['admin'],
  body: ArticleInput,
  response: ArticleView,
  successStatus: 201,
});

export const putArticle = defineRoute({
  method: 'PUT',
  path: '/v1/articles/{articleId}',
  summary: 'Replace an article',
  auth: 'jwt',
  roles: ['admin'],
  params: ArticleParams,
  body: ArticleInput,
  response: ArticleView,
});

export const getArticle = defineRoute({
  method: 'GET',
  path: '/v1/articles/{articleId}',
  summary: 'One article, if published now for the caller’s role (admins see all)',
  auth: 'jwt',
  roles: STAFF,
  params: ArticleParams,
  response: ArticleView,
});

export const listArticles = defineRoute({
  method: 'GET',
  path: '/v1/articles',
  summary:
    'Search articles by text (`q`), `tag` and the business day they are published from (`publishedFrom`…`publishedTo`, inclusive), newest first',
  auth: 'jwt',
  roles: STAFF,
  query: PageQuery.extend({
    q: z.string().trim().min(1).max(100).optional(),
    tag: z.string().trim().min(1).max(32).optional(),
    publishedFrom: BusinessDate.optional(),
    publishedTo: BusinessDate.optional(),
  }),
  response: pageOf(ArticleView),
});
