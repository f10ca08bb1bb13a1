// transactions stream → AUM change counters (in, out, net, per tier) per org unit, RM and month.
// Runs after tiering in the transactions stream's tiering reader, so it counts the tier just decided.
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { countTransaction, TransactionImage } from '#shared/reports/count.js';
import { countDeps } from './count-deps.js';

const deps = countDeps();

export const aumChangeCounters = streamConsumer('aum-change-counters', {
  image: TransactionImage,
  insert: async ({ newImage }) => void (await countTransaction(deps, newImage!)),
  // the same transaction again (an idempotent re-post) is claimed already
  modify: async ({ newImage }) => void (await countTransaction(deps, newImage!)),
  // transactions are never deleted; a reversal arrives as its own transaction
  remove: 'ignore',
});
