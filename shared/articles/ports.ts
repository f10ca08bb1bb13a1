// What the article library's use cases are given: the articles table, each write with its audit
// entry. The DynamoDB adapter is dynamo-articles.ts.
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Article } from './article.js';

export interface ArticleStore {
  get(articleId: string): Promise<Article | undefined>;
  all(): Promise<Article[]>;
  put(article: Article, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
}
