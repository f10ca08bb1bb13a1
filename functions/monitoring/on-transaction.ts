// transactions stream → monitoring state and fund flows (exactly once) → trigger rules → alerts.
// Runs first in the transactions stream's monitoring reader (functions/streams/transactions-monitoring.ts).
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { TransactionRecord } from '#shared/transactions/transaction.js';
import { dynamoMonitoringDeps } from '#shared/monitoring/deps.js';
import { processTransaction } from '#shared/monitoring/process-transaction.js';

const deps = dynamoMonitoringDeps();

export const monitoring = streamConsumer('monitoring', {
  image: TransactionRecord,
  insert: async ({ newImage }) => void (await processTransaction(deps, newImage!)),
  // Transactions are immutable: a MODIFY repeats the INSERT, and the claim marker makes it a replay.
  modify: async ({ newImage }) => void (await processTransaction(deps, newImage!)),
  // Removing a transaction (or its time-to-live) does not undo that it happened.
  remove: 'ignore',
});
