import { http } from '#shared/http/http.js';
import { listProducts as route } from '#shared/products/api.js';
import { searchProducts } from '#shared/products/manage.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';

const products = dynamoProductStore();

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await searchProducts(products, ctx, query),
}));
