// transactions stream → AUM counters (exactly once per transactionId) → real-time tier evaluation.
// Runs first in the transactions stream's tiering reader (functions/streams/transactions-tiering.ts).
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { TransactionRecord } from '#shared/transactions/transaction.js';
import { applyTransaction, applyTransactions } from '#shared/tiering/apply-transaction.js';
import { dynamoTieringDeps } from '#shared/tiering/deps.js';

const deps = dynamoTieringDeps();

export const aumAndTier = streamConsumer('aum-and-tier', {
  image: TransactionRecord,
  insert: async ({ newImage }) => void (await applyTransaction(deps, newImage!)),
  // the same transaction again (its item rewritten): the claim on its transactionId makes it count once
  modify: async ({ newImage }) => void (await applyTransaction(deps, newImage!)),
  // a removal is not a reversal (reversals are transactions of their own): what was held, was held
  remove: 'ignore',
  // a customer's records of a batch: one coalesced counter write, one evaluation of their standing
  upsertGroup: async (changes) =>
    void (await applyTransactions(
      deps,
      changes.map((c) => c.newImage!),
    )),
});
