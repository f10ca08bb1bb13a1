import { http } from '#shared/http/http.js';
import { createArticle as route } from '#shared/articles/api.js';
import { createArticle } from '#shared/articles/manage.js';
import { dynamoArticleStore } from '#shared/articles/dynamo-articles.js';

const store = dynamoArticleStore();

export const handler = http(route, async ({ body, ctx }) => {
  const article = await createArticle(store, ctx, body);
  return { status: 201, body: article, headers: { location: `/v1/articles/${article.articleId}` } };
});
