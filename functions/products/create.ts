import { http } from '#shared/http/http.js';
import { createProduct as route } from '#shared/products/api.js';
import { createProduct, viewProduct } from '#shared/products/manage.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';

const products = dynamoProductStore();

export const handler = http(route, async ({ body, ctx }) => {
  const { created, product } = await createProduct(products, ctx, body);
  return {
    status: created ? 201 : 200,
    body: await viewProduct(products, ctx, product),
    headers: { location: `/v1/products/${product.productId}` },
  };
});
