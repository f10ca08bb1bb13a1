import { http } from '#shared/http/http.js';
import { putCategoryWeight as route } from '#shared/products/api.js';
import { putCategoryWeight } from '#shared/products/manage.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';

const products = dynamoProductStore();

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await putCategoryWeight(products, ctx, params.category, body.weightBp),
}));
