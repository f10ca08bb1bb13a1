// A transaction from the stream → the customer's AUM counters (exactly once per transactionId), then
// their tier evaluated. The claim is keyed by transactionId, not by stream event: the same transaction
// can come in several records (INSERT, a later MODIFY, a retried batch) and must count once.
// One customer's transactions of a batch go together: their counters in one coalesced write (each
// with its claim), their evaluations on one read of the standing and one commit.
import { logger } from '#shared/logging/logger.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { counterTerms } from './aum.js';
import { transactionClaimKey } from './ids.js';
import type { ApplyOutcome, CounterChange } from './ports.js';
import { evaluateCustomerSteps, type EvaluationStep, type TieringDeps } from './evaluate.js';

const counterChange = (deps: TieringDeps, txn: TransactionRecord): CounterChange => ({
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

const warnIfRewritten = (txn: TransactionRecord, claim: Record<string, unknown>) => {
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
};

const trigger = (txn: TransactionRecord) =>
  ({ kind: 'transaction', transactionId: txn.transactionId, businessDate: txn.businessDate }) as const;

export const applyTransaction = async (
  deps: TieringDeps,
  txn: TransactionRecord,
): Promise<ApplyOutcome['kind']> => {
  const outcome = await deps.counters.apply(counterChange(deps, txn));
  if (outcome.kind === 'duplicate') warnIfRewritten(txn, outcome.claim);
  // Evaluated also for a duplicate: the record may be the retry of one whose evaluation failed.
  await evaluateCustomerSteps(deps, txn.customerId, [{ trigger: trigger(txn) }]);
  return outcome.kind;
};

/**
 * Transactions in stream order, as `applyTransaction` one after another would leave them: per
 * customer, the first of each transactionId claimed and counted (all in one coalesced write, a
 * replay left out by its claim), then one evaluation with a step per transaction.
 */
export const applyTransactions = async (
  deps: TieringDeps,
  txns: readonly TransactionRecord[],
): Promise<ApplyOutcome['kind'][]> => {
  const kinds: ApplyOutcome['kind'][] = new Array<ApplyOutcome['kind']>(txns.length);
  const byCustomer = new Map<string, number[]>();
  txns.forEach((txn, i) => byCustomer.set(txn.customerId, [...(byCustomer.get(txn.customerId) ?? []), i]));
  for (const [customerId, positions] of byCustomer) {
    // the first record of each transactionId is the one counted; a later one is its replay
    const first = new Map<string, number>();
    for (const i of positions) if (!first.has(txns[i]!.transactionId)) first.set(txns[i]!.transactionId, i);
    const firsts = [...first.values()];
    const changes = firsts.map((i) => counterChange(deps, txns[i]!));
    const outcomes = await deps.counters.applyAll(changes);
    const applied = new Map<number, CounterChange>();
    const claimOf = new Map<string, Record<string, unknown>>();
    firsts.forEach((i, k) => {
      const outcome = outcomes[k]!;
      kinds[i] = outcome.kind;
      if (outcome.kind === 'applied') applied.set(i, changes[k]!);
      claimOf.set(txns[i]!.transactionId, outcome.kind === 'duplicate' ? outcome.claim : changes[k]!.claim);
    });
    for (const i of positions) {
      const txn = txns[i]!;
      if (kinds[i] === undefined) kinds[i] = 'duplicate';
      if (kinds[i] === 'duplicate') warnIfRewritten(txn, claimOf.get(txn.transactionId)!);
    }
    // Evaluated also for duplicates: the record may be the retry of one whose evaluation failed.
    const steps = positions.map((i): EvaluationStep => ({
      trigger: trigger(txns[i]!),
      ...(applied.has(i) ? { terms: applied.get(i)!.terms! } : {}),
    }));
    await evaluateCustomerSteps(deps, customerId, steps);
  }
  return kinds;
};
