import { http } from '#shared/http/http.js';
import { getProduct as route } from '#shared/products/api.js';
import { getProduct, viewProduct } from '#shared/products/manage.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';

const products = dynamoProductStore();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await viewProduct(products, ctx, await getProduct(products, params.productId)),
}));
