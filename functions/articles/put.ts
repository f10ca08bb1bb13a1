import { http } from '#shared/http/http.js';
import { putArticle as route } from '#shared/articles/api.js';
import { replaceArticle } from '#shared/articles/manage.js';
import { dynamoArticleStore } from '#shared/articles/dynamo-articles.js';

const store = dynamoArticleStore();

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await replaceArticle(store, ctx, params.articleId, body),
}));
