// Writing and reading the information library: admins write, everyone reads what is meant for them.
import { Conflict, NotFound } from '#shared/errors.js';
import { auditEntry, changesBetween } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import { encodeCursor } from '#shared/http/pagination.js';
import {
  canReadArticle,
  matchesArticle,
  publishedWithin,
  type Article,
  type ArticleInput,
} from './article.js';
import type { ArticleStore } from './ports.js';

export const createArticle = async (
  store: ArticleStore,
  ctx: RequestContext,
  input: ArticleInput,
): Promise<Article> => {
  const now = ctx.clock.now().toISOString();
  const article: Article = {
    ...input,
    articleId: ctx.ids.next('N'),
    createdBy: ctx.caller.staffId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const audit = auditEntry(auditContext(ctx), `article#${article.articleId}`, 'article.create', {
    detail: { title: article.title },
  });
  if (!(await store.put(article, audit))) throw new Conflict(`Article ${article.articleId} exists.`);
  return article;
};

export const replaceArticle = async (
  store: ArticleStore,
  ctx: RequestContext,
  articleId: string,
  input: ArticleInput,
): Promise<Article> => {
  const current = await store.get(articleId);
  if (!current) throw new NotFound(`Article ${articleId}`);
  const next: Article = {
    ...input,
    articleId,
    createdBy: current.createdBy,
    createdAt: current.createdAt,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const audit = auditEntry(auditContext(ctx), `article#${articleId}`, 'article.update', {
    changes: changesBetween(
      current as unknown as Record<string, unknown>,
      next as unknown as Record<string, unknown>,
    ),
  });
  if (!(await store.put(next, audit, current.version)))
    throw new Conflict(`Article ${articleId} was changed meanwhile; read it again and retry.`);
  return next;
};

export const readArticle = async (
  store: ArticleStore,
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  articleId: string,
): Promise<Article> => {
  const article = await store.get(articleId);
  if (!article || !canReadArticle(ctx.caller, article, ctx.clock.now().toISOString()))
    throw new NotFound(`Article ${articleId}`);
  return article;
};

/** Newest publication first; the cursor is the position in that order. */
export const searchArticles = async (
  store: ArticleStore,
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  query: {
    q?: string;
    tag?: string;
    publishedFrom?: string;
    publishedTo?: string;
    limit: number;
    cursor?: PageKey;
  },
): Promise<Page<Article>> => {
  const now = ctx.clock.now().toISOString();
  const found = (await store.all())
    .filter(
      (a) =>
        canReadArticle(ctx.caller, a, now) &&
        matchesArticle(a, query.q, query.tag) &&
        publishedWithin(a, query.publishedFrom, query.publishedTo),
    )
    .sort((a, b) =>
      a.publishFrom === b.publishFrom
        ? b.articleId.localeCompare(a.articleId)
        : b.publishFrom.localeCompare(a.publishFrom),
    );
  const from = typeof query.cursor?.offset === 'number' ? query.cursor.offset : 0;
  const items = found.slice(from, from + query.limit);
  const next = from + query.limit < found.length ? encodeCursor({ offset: from + query.limit }) : undefined;
  return { items, ...(next ? { nextCursor: next } : {}) };
};
