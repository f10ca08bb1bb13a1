// One transaction from the stream → monitoring state (exactly once), facts, rules, alerts (at most one
// per rule × customer × window). Safe to run again for the same transaction at any time: the state
// is claimed once per transactionId, and a replay re-evaluates so an alert whose write failed last
// time is raised now.
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { buildAlert } from './alert.js';
import { addDays } from './days.js';
import { transactionEffects } from './effects.js';
import {
  computeFacts,
  historyDays,
  MAX_ACTIVITY_LOOKBACK_DAYS,
  payerKey,
  payerRange,
  payerWindowKey,
  type FactNeeds,
  type Facts,
  type HistoryInput,
} from './facts.js';
import type { MonitoringDeps, RaiseOutcome } from './ports.js';

export interface ProcessOutcome {
  state: 'applied' | 'duplicate';
  /** false: the customer is not one we manage (not in the customers table); no rules ran */
  managed: boolean;
  alerts: { alertId: string; ruleId: string; outcome: RaiseOutcome }[];
}

/** Reads what the rules need about the customer's past (and today's arrivals). */
export const gatherHistory = async (
  deps: Pick<MonitoringDeps, 'state'>,
  txn: TransactionRecord,
  needs: FactNeeds,
): Promise<HistoryInput> => {
  const span = historyDays(needs);
  const daysRead =
    span > 0
      ? deps.state.days(txn.customerId, addDays(txn.businessDate, -(span - 1)), txn.businessDate)
      : Promise.resolve([]);
  const payers = txn.counterpartyName
    ? needs.payerWindows.map(async ([from, to]) => {
        const range = payerRange(txn.businessDate, from, to);
        const count = await deps.state.payerInflows(
          txn.customerId,
          payerKey(txn.counterpartyName!),
          range.from,
          range.to,
        );
        return [payerWindowKey(from, to), count] as const;
      })
    : [];
  const [days, payerCounts] = await Promise.all([daysRead, Promise.all(payers)]);
  const history: HistoryInput = { days, payerInflows: Object.fromEntries(payerCounts) };
  if (needs.activity) {
    // the window's days may already show an earlier active day; otherwise look further back
    const earlier = days.map((d) => d.businessDate).filter((d) => d < txn.businessDate);
    const last =
      earlier.length > 0
        ? earlier.reduce((a, b) => (a > b ? a : b))
        : await deps.state.lastActiveDayBefore(
            txn.customerId,
            txn.businessDate,
            addDays(txn.businessDate, -MAX_ACTIVITY_LOOKBACK_DAYS),
          );
    if (last !== undefined) history.lastActiveDayBefore = last;
  }
  return history;
};

/** The transaction's facts from what was read for it (the AUM and thresholds only when a rule needs them). */
export const factsOf = (
  deps: Pick<MonitoringDeps, 'ownBanks'>,
  txn: TransactionRecord,
  customer: Pick<Customer, 'tier'>,
  needs: FactNeeds,
  history: Parameters<typeof computeFacts>[0]['history'],
  aum: Parameters<typeof computeFacts>[0]['aum'] | undefined,
  thresholds: Parameters<typeof computeFacts>[0]['thresholds'] | undefined,
): Facts =>
  computeFacts({
    txn,
    customerTier: customer.tier,
    ownBanks: deps.ownBanks,
    needs,
    history,
    ...(aum ? { aum } : {}),
    ...(thresholds ? { thresholds } : {}),
  });

export const gatherFacts = async (
  deps: Pick<MonitoringDeps, 'state' | 'aum' | 'thresholds' | 'ownBanks'>,
  txn: TransactionRecord,
  customer: Pick<Customer, 'tier'>,
  needs: FactNeeds,
): Promise<Facts> => {
  const [history, aum, thresholds] = await Promise.all([
    gatherHistory(deps, txn, needs),
    needs.aum ? deps.aum.balances(txn.customerId, txn.businessDate) : undefined,
    needs.thresholds ? deps.thresholds.thresholds(txn.businessDate) : undefined,
  ]);
  return factsOf(deps, txn, customer, needs, history, aum, thresholds);
};

export const processTransaction = async (
  deps: MonitoringDeps,
  txn: TransactionRecord,
): Promise<ProcessOutcome> => {
  const [customer, rules] = await Promise.all([deps.customers.get(txn.customerId), deps.rules.current()]);
  const state = await deps.state.apply(transactionEffects(txn, customer, deps.ownBanks));
  // 无管户: a customer the CRM does not manage has nobody to alert; their flows are still kept
  if (!customer) return { state, managed: false, alerts: [] };
  if (rules.rules.length === 0) return { state, managed: true, alerts: [] };

  const facts = await gatherFacts(deps, txn, customer, rules.needs);
  const hits = rules.evaluate(facts);
  const raisedAt = deps.clock.now().toISOString();
  const alerts = await Promise.all(
    hits.map(async (hit) => {
      const alert = buildAlert({ hit, txn, customer, facts, raisedAt });
      return { alertId: alert.alertId, ruleId: alert.ruleId, outcome: await deps.alerts.raise(alert) };
    }),
  );
  return { state, managed: true, alerts };
};
