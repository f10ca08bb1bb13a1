// A stream handler for the poller tests, built with the project's one stream wrapper. Per record it
// first counts the delivery (a non-idempotent ADD keyed by eventID, so every redelivery shows), then
// applies the record once: a claim marker keyed by eventID and the ADD of its amount to the item's
// total in one TransactWriteItems, so a redelivered record changes nothing.
// A record whose image has `poison: true` fails unless COUNTING_POISON is `accept` (the "fix").
import * as z from 'zod';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { streamHandler, type StreamChange } from '#shared/stream/stream-handler.js';
import { tableName } from '#shared/adapters/tables.js';

export const EFFECTS_TABLE = 'stream-test-effects';

export const CountedItem = z.object({
  pk: z.string(),
  amount: z.number().int(),
  kind: z.string().optional(),
  poison: z.boolean().optional(),
});
type CountedItem = z.infer<typeof CountedItem>;

// One client per endpoint: a test restarts DynamoDB Local on another port with this module loaded.
const clients = new Map<string, DynamoDBDocumentClient>();
const documentClient = (): DynamoDBDocumentClient => {
  const endpoint = process.env.OCRM_DYNAMODB_ENDPOINT ?? '';
  let client = clients.get(endpoint);
  if (!client) {
    client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: endpoint || undefined,
        region: process.env.AWS_REGION ?? 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    clients.set(endpoint, client);
  }
  return client;
};

const apply = async ({ eventId, newImage }: StreamChange<CountedItem>): Promise<void> => {
  const item = newImage!;
  const table = tableName(EFFECTS_TABLE);
  const client = documentClient();
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: `delivery#${eventId}` },
      UpdateExpression: 'ADD deliveries :one SET itemPk = :item',
      ExpressionAttributeValues: { ':one': 1, ':item': item.pk },
    }),
  );
  if (item.poison && process.env.COUNTING_POISON !== 'accept') throw new Error(`poison record ${item.pk}`);
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { pk: `claim#${eventId}`, itemPk: item.pk },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: table,
              Key: { pk: `total#${item.pk}` },
              UpdateExpression: 'ADD applied :amount, applications :one',
              ExpressionAttributeValues: { ':amount': item.amount, ':one': 1 },
            },
          },
        ],
      }),
    );
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    // The claim exists: this record was applied before, so this delivery is a no-op.
    if (
      (error as Error).name === 'TransactionCanceledException' &&
      reasons?.[0]?.Code === 'ConditionalCheckFailed'
    ) {
      return;
    }
    throw error;
  }
};

export const handler = streamHandler({ image: CountedItem, insert: apply, modify: apply, remove: 'ignore' });
