import { http } from '#shared/http/http.js';
import { listArticles as route } from '#shared/articles/api.js';
import { searchArticles } from '#shared/articles/manage.js';
import { dynamoArticleStore } from '#shared/articles/dynamo-articles.js';

const store = dynamoArticleStore();

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await searchArticles(store, ctx, query),
}));
