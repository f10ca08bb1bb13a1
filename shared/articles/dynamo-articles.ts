// DynamoDB adapter for articles. The library is small (hundreds of articles): a list reads it whole
// and filters in memory, which keeps text search free of an index.
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { createOrReplace } from '#shared/adapters/audited-write.js';
import type { Article } from './article.js';
import type { ArticleStore } from './ports.js';

export const dynamoArticleStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): ArticleStore => {
  const table = () => tableName('articles');
  return {
    async get(articleId) {
      const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { articleId } }));
      return Item as Article | undefined;
    },
    async all() {
      const items: Article[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: table(), ExclusiveStartKey: start }));
        items.push(...((page.Items ?? []) as Article[]));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    put: (article, audit, expectedVersion) =>
      createOrReplace(
        client,
        table(),
        'articleId',
        article as unknown as Record<string, unknown>,
        audit,
        expectedVersion === undefined ? undefined : { attribute: 'version', value: expectedVersion },
      ),
  };
};
