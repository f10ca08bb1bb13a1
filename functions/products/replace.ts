import { http } from '#shared/http/http.js';
import { replaceProduct as route } from '#shared/products/api.js';
import { replaceProduct, viewProduct } from '#shared/products/manage.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';

const products = dynamoProductStore();

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await viewProduct(products, ctx, await replaceProduct(products, ctx, params.productId, body)),
}));
