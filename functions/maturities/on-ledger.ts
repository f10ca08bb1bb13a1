// performance-ledger stream → the maturity of each fixed-term sale (a reversal removes it).
// Runs in the ledger's second reader (functions/streams/ledger-followers.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { LedgerImage, maturityOf } from '#shared/maturities/maturity.js';
import { dynamoMaturityStore } from '#shared/maturities/dynamo-maturities.js';

const store = dynamoMaturityStore();
const client = dynamoDocumentClient();

const termOf = async (productId: string): Promise<number | undefined> => {
  const { Item } = await client.send(
    new GetCommand({
      TableName: tableName('products'),
      Key: { productId },
      ProjectionExpression: 'termDays',
    }),
  );
  return typeof Item?.termDays === 'number' ? Item.termDays : undefined;
};

const apply = async (entry: LedgerImage) => {
  if (entry.kind === 'reversal') return store.reverse(entry.customerId, entry.registrationId);
  const maturity = maturityOf(entry, await termOf(entry.productId));
  if (maturity) await store.add(maturity);
};

export const maturities = streamConsumer('maturities', {
  image: LedgerImage,
  insert: async ({ newImage }) => apply(newImage!),
  // ledger entries are never updated; the same entry again writes the same maturity
  modify: async ({ newImage }) => apply(newImage!),
  remove: 'ignore',
});
