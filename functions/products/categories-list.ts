import { http } from '#shared/http/http.js';
import { listCategoryWeights as route } from '#shared/products/api.js';
import { listCategoryWeights } from '#shared/products/manage.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';

const products = dynamoProductStore();

export const handler = http(route, async () => ({ status: 200, body: await listCategoryWeights(products) }));
