// Record a batch of transactions: all new ones or none. A retried batch (same ids, same content) is
// accepted again without writing twice; an id reused with different content is a conflict that
// names every offending position, and nothing is written.
import { Conflict } from '#shared/errors.js';
import type { FieldError } from '#shared/errors.js';
import type { Clock } from '#shared/clock.js';
import type { TransactionBatch } from './api.js';
import { sameTransaction, type TransactionRecord } from './transaction.js';
import type { TransactionStore } from './ports.js';

export const toRecord = (
  input: TransactionBatch['transactions'][number],
  receivedAt: string,
): TransactionRecord => ({
  ...input,
  receivedAt,
  bookedKey: `${input.bookedAt}#${input.transactionId}`,
});

export const ingestTransactions = async (
  deps: { transactions: TransactionStore; clock: Clock },
  batch: TransactionBatch,
): Promise<{ accepted: number; transactionIds: string[] }> => {
  const unique = [...new Map(batch.transactions.map((t) => [t.transactionId, t])).values()];
  const positionOf = new Map(batch.transactions.map((t, i) => [t.transactionId, i] as const));
  const receivedAt = deps.clock.now().toISOString();
  let pending = unique.map((t) => toRecord(t, receivedAt));
  // Each round drops the retries it finds; at most one round per record plus one.
  for (let round = 0; round <= unique.length && pending.length > 0; round++) {
    const outcome = await deps.transactions.putAllNew(pending);
    if (outcome.kind === 'written') break;
    const conflicts: FieldError[] = [];
    for (const [i, stored] of outcome.existing) {
      if (!sameTransaction(stored, pending[i]!)) {
        conflicts.push({
          path: `body.transactions.${positionOf.get(pending[i]!.transactionId)}.transactionId`,
          message: 'was recorded before with different content',
        });
      }
    }
    if (conflicts.length > 0)
      throw new Conflict(
        'Some transaction ids were recorded before with other content; nothing was written.',
        conflicts,
      );
    pending = pending.filter((_, i) => !outcome.existing.has(i));
  }
  return { accepted: unique.length, transactionIds: unique.map((t) => t.transactionId) };
};
