// DynamoDB adapter for the product library: products by code, and the category weights.
// The library holds hundreds of products, not millions: a search reads it whole (one or two scan
// pages) and filters in memory, which is cheaper and more flexible than an index per search field.
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { putWithAudit } from '#shared/adapters/audited-write.js';
import type { Product } from './product.js';
import type { CategoryWeight } from './weight.js';
import type { ProductCatalogueVersion, ProductStore } from './ports.js';

export const dynamoProductStore = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): ProductStore & ProductCatalogueVersion => {
  const products = () => tableName('products');
  const categories = () => tableName('product-categories');
  const scanAll = async <T>(table: string, projection?: string): Promise<T[]> => {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table,
          ExclusiveStartKey: start,
          ...(projection
            ? { ProjectionExpression: projection, ExpressionAttributeNames: { '#v': 'version' } }
            : {}),
        }),
      );
      items.push(...((page.Items ?? []) as T[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };
  return {
    async get(productId, consistent = false) {
      const { Item } = await client.send(
        new GetCommand({ TableName: products(), Key: { productId }, ConsistentRead: consistent }),
      );
      return Item as Product | undefined;
    },
    async all() {
      const items = await scanAll<Product>(products());
      return items.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
    },
    async catalogueVersion() {
      // the version numbers only (hundreds of products: one small page), summed
      const versions = await scanAll<{ version?: number }>(products(), '#v');
      return versions.reduce((sum, { version }) => sum + (typeof version === 'number' ? version : 0), 0);
    },
    put(product, audit, expectedVersion) {
      return putWithAudit(
        client,
        expectedVersion === undefined
          ? { table: products(), item: product, condition: 'attribute_not_exists(productId)' }
          : {
              table: products(),
              item: product,
              condition: 'version = :v',
              values: { ':v': expectedVersion },
            },
        audit,
      );
    },
    async categoryWeight(category) {
      const { Item } = await client.send(new GetCommand({ TableName: categories(), Key: { category } }));
      return Item as CategoryWeight | undefined;
    },
    async categoryWeights() {
      return scanAll<CategoryWeight>(categories());
    },
    putCategoryWeight(weight, audit, expectedVersion) {
      return putWithAudit(
        client,
        expectedVersion === undefined
          ? { table: categories(), item: { ...weight }, condition: 'attribute_not_exists(category)' }
          : {
              table: categories(),
              item: { ...weight },
              condition: 'version = :v',
              values: { ':v': expectedVersion },
            },
        audit,
      );
    },
  };
};
