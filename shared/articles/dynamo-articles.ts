// DynamoDB adapter for articles. The library is small (hundreds of articles): a list reads it whole
// and filters in memory, which keeps text search free of an index.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scanAll } from '#shared/adapters/query-all.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { versionedPut } from '#shared/adapters/audited-write.js';
import type { Article } from './article.js';
import type { ArticleStore } from './ports.js';

export const dynamoArticleStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): ArticleStore => {
  const table = () => tableName('articles');
  return {
    async get(articleId) {
      const { Item } = await client.send(new GetCommand({ TableName: table(), Key: { articleId } }));
      return Item as Article | undefined;
    },
    all: () => scanAll<Article>(client, { TableName: table() }),
    put: versionedPut(client, table, 'articleId', 'version'),
  };
};
