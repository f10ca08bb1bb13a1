// transactions stream → the customer's last activity.
// Runs in the transactions stream's monitoring reader (functions/streams/transactions-monitoring.ts).
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { TransactionRecord } from '#shared/transactions/transaction.js';
import { dynamoActivityStore } from '#shared/activity/dynamo-activity.js';
import { clock } from '#shared/adapters/runtime.js';

const activity = dynamoActivityStore(undefined, () => clock.now());

export const lastActivity = streamConsumer('last-activity', {
  image: TransactionRecord,
  insert: async ({ newImage }) => void (await activity.recordActivity(newImage!)),
  // Transactions are immutable; a MODIFY can only repeat what an INSERT said, and the write is a maximum.
  modify: async ({ newImage }) => void (await activity.recordActivity(newImage!)),
  // Transactions are never deleted by us; a removal does not undo that the customer was active.
  remove: 'ignore',
});
