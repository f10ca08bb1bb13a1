// A transaction from the stream → the customer's AUM counters (exactly once per transactionId), then
// their tier evaluated. The claim is keyed by transactionId, not by stream event: the same transaction
// can come in several records (INSERT, a later MODIFY, a retried batch) and must count once.
import { logger } from '#shared/logging/logger.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { counterTerms } from './aum.js';
import { transactionClaimKey } from './ids.js';
import type { ApplyOutcome } from './ports.js';
import { evaluateCustomer, type TieringDeps } from './evaluate.js';

export const applyTransaction = async (
  deps: TieringDeps,
  txn: TransactionRecord,
): Promise<ApplyOutcome['kind']> => {
  const outcome = await deps.counters.apply({
    customerId: txn.customerId,
    claimKey: transactionClaimKey(txn.transactionId),
    claim: {
      kind: 'transaction',
      transactionId: txn.transactionId,
      assetClass: txn.assetClass,
      amountFen: txn.amountFen,
      businessDate: txn.businessDate,
      appliedAt: deps.clock.now().toISOString(),
    },
    terms: counterTerms(txn.assetClass, txn.amountFen, txn.businessDate),
  });
  if (outcome.kind === 'duplicate') {
    const { claim } = outcome;
    if (
      claim.amountFen !== txn.amountFen ||
      claim.assetClass !== txn.assetClass ||
      claim.businessDate !== txn.businessDate
    ) {
      // Transactions are immutable (ingest refuses a reused id); a rewrite here is not ours to undo.
      logger.warn('transaction differs from the one applied under its id; the applied one stands', {
        transactionId: txn.transactionId,
        applied: claim,
      });
    }
  }
  // Evaluated also for a duplicate: the record may be the retry of one whose evaluation failed.
  await evaluateCustomer(deps, txn.customerId, {
    kind: 'transaction',
    transactionId: txn.transactionId,
    businessDate: txn.businessDate,
  });
  return outcome.kind;
};
