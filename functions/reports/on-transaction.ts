// transactions stream → AUM change counters (in, out, net, per tier) per org unit, RM and month.
import { streamHandler } from '#shared/stream/stream-handler.js';
import { countTransaction, TransactionImage } from '#shared/reports/count.js';
import { countDeps } from './count-deps.js';

const deps = countDeps();

export const handler = streamHandler({
  image: TransactionImage,
  insert: async ({ newImage }) => void (await countTransaction(deps, newImage!)),
  // the same transaction again (an idempotent re-post) is claimed already
  modify: async ({ newImage }) => void (await countTransaction(deps, newImage!)),
  // transactions are never deleted; a reversal arrives as its own transaction
  remove: 'ignore',
});
