// performance-ledger stream → the maturity of each fixed-term sale (a reversal removes it).
// Runs in the ledger's second reader (functions/streams/ledger-followers.ts).
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { LedgerImage, maturityOf } from '#shared/maturities/maturity.js';
import { dynamoMaturityStore } from '#shared/maturities/dynamo-maturities.js';
import { dynamoProductStore } from '#shared/products/dynamo-products.js';
import { cachedProductLookup } from '#shared/products/product-cache.js';

const store = dynamoMaturityStore();
// the product library held per container (product-cache.ts): one read per batch, not per entry
const products = cachedProductLookup(dynamoProductStore());

const termOf = async (productId: string): Promise<number | undefined> => {
  const termDays = (await products.get(productId))?.termDays;
  return typeof termDays === 'number' ? termDays : undefined;
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
