import { http } from '#shared/http/http.js';
import { getArticle as route } from '#shared/articles/api.js';
import { readArticle } from '#shared/articles/manage.js';
import { dynamoArticleStore } from '#shared/articles/dynamo-articles.js';

const store = dynamoArticleStore();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await readArticle(store, ctx, params.articleId),
}));
