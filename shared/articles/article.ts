// The information library (资讯库): articles head office publishes to staff — market views, product
// briefings, compliance notices — with tags, the roles they are for and a publish window.
import * as z from 'zod';
import { ROLES, type Caller } from '#shared/auth/caller.js';
import { businessDateOf } from '#shared/clock.js';

export const ArticleInput = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(100_000),
    tags: z.array(z.string().trim().min(1).max(32)).max(20).default([]),
    /** Roles the article is for; empty: everyone. */
    audienceRoles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
    publishFrom: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
    publishUntil: z.iso
      .datetime({ offset: true })
      .transform((v) => new Date(v).toISOString())
      .optional(),
  })
  .refine((a) => !a.publishUntil || a.publishUntil > a.publishFrom, {
    message: 'must be after publishFrom',
    path: ['publishUntil'],
  });
export type ArticleInput = z.infer<typeof ArticleInput>;

export interface Article extends ArticleInput {
  articleId: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Admins see every article; others what is published now and meant for their role. */
export const canReadArticle = (caller: Pick<Caller, 'role'>, article: Article, now: string): boolean =>
  caller.role === 'admin' ||
  ((article.audienceRoles.length === 0 || article.audienceRoles.includes(caller.role)) &&
    article.publishFrom <= now &&
    (!article.publishUntil || now < article.publishUntil));

/** Text search: every word of `q` in the title, body or tags (case-insensitive); and the tag, if given. */
export const matchesArticle = (article: Article, q: string | undefined, tag: string | undefined): boolean => {
  if (tag && !article.tags.includes(tag)) return false;
  if (!q) return true;
  const text = `${article.title}\n${article.body}\n${article.tags.join(' ')}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
};

/** Published from a business day (Asia/Shanghai) of from…to, inclusive; either end may be open. */
export const publishedWithin = (
  article: Article,
  from: string | undefined,
  to: string | undefined,
): boolean => {
  const day = businessDateOf(new Date(article.publishFrom));
  return (from === undefined || day >= from) && (to === undefined || day <= to);
};
