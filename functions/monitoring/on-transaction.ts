// transactions stream → monitoring state and fund flows (exactly once) → trigger rules → alerts.
// Runs first in the transactions stream's monitoring reader (functions/streams/transactions-monitoring.ts).
// The rules of one transaction have a time budget (OCRM_TRIGGER_RULES_BUDGET_MS, 50 ms by default):
// past it the record fails, is retried, then dead-lettered — see budgetedRuleSet for why nothing is lost.
import { performance } from 'node:perf_hooks';
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { TransactionRecord } from '#shared/transactions/transaction.js';
import { dynamoMonitoringDeps } from '#shared/monitoring/deps.js';
import { processTransaction } from '#shared/monitoring/process-transaction.js';
import { processCustomerTransactions } from '#shared/monitoring/process-customer.js';
import { budgetedRuleSet } from '#shared/monitoring/rule-set.js';

const base = dynamoMonitoringDeps();
const deps = {
  ...base,
  rules: budgetedRuleSet(base.rules, {
    budgetMs: Number(process.env.OCRM_TRIGGER_RULES_BUDGET_MS ?? 50),
    stopwatch: () => performance.now(),
  }),
};

export const monitoring = streamConsumer('monitoring', {
  image: TransactionRecord,
  insert: async ({ newImage }) => void (await processTransaction(deps, newImage!)),
  // Transactions are immutable: a MODIFY repeats the INSERT, and the claim marker makes it a replay.
  modify: async ({ newImage }) => void (await processTransaction(deps, newImage!)),
  // Removing a transaction (or its time-to-live) does not undo that it happened.
  remove: 'ignore',
  // a customer's records of a batch: one coalesced state write, one read of their history
  upsertGroup: async (changes) =>
    void (await processCustomerTransactions(
      deps,
      changes.map((c) => c.newImage!),
    )),
});
