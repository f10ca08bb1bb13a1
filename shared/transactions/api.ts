// HTTP contract for the transaction feed (交易流水) from core banking and channels.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { TransactionInput } from './transaction.js';

export const MAX_BATCH = 100;

export const TransactionBatch = z
  .strictObject({ transactions: z.array(TransactionInput).min(1).max(MAX_BATCH) })
  .superRefine(({ transactions }, ctx) => {
    const seen = new Map<string, number>();
    transactions.forEach((t, i) => {
      const first = seen.get(t.transactionId);
      if (first !== undefined && JSON.stringify(transactions[first]) !== JSON.stringify(t)) {
        ctx.addIssue({
          code: 'custom',
          path: ['transactions', i, 'transactionId'],
          message: `repeats transactions.${first} with different content`,
        });
      }
      if (first === undefined) seen.set(t.transactionId, i);
    });
  });
export type TransactionBatch = z.infer<typeof TransactionBatch>;

export const postTransactions = defineRoute({
  method: 'POST',
  path: '/v1/transactions',
  summary: 'Record a batch of up to 100 transactions, atomically; idempotent per transactionId',
  auth: 'jwt',
  roles: ['integration', 'admin'],
  body: TransactionBatch,
  response: z.object({ accepted: z.number(), transactionIds: z.array(z.string()) }),
});
