// Creates the declared tables in DynamoDB Local (name = prefix + id), idempotently.
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { TableDeclaration } from '#infra/declaration/types.js';

export const physicalTableName = (prefix: string, table: Pick<TableDeclaration, 'id'>): string =>
  `${prefix}${table.id}`;

export const createTableInput = (prefix: string, table: TableDeclaration): CreateTableCommandInput => {
  const attributes = new Map<string, string>();
  const key = (k: { name: string; type: string }) => attributes.set(k.name, k.type);
  key(table.partitionKey);
  if (table.sortKey) key(table.sortKey);
  for (const index of table.globalIndexes ?? []) {
    key(index.partitionKey);
    if (index.sortKey) key(index.sortKey);
  }
  const schema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: physicalTableName(prefix, table),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N',
    })),
    KeySchema: schema(table.partitionKey, table.sortKey),
    ...(table.globalIndexes?.length
      ? {
          GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: schema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
    ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
  };
};

export const ensureTables = async (client: DynamoDBClient, prefix: string, declared: TableDeclaration[]) => {
  await Promise.all(
    declared.map(async (table) => {
      const name = physicalTableName(prefix, table);
      try {
        await client.send(new DescribeTableCommand({ TableName: name }));
        return;
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      }
      await client.send(new CreateTableCommand(createTableInput(prefix, table)));
      await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
      if (table.timeToLiveAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
          }),
        );
      }
    }),
  );
};
