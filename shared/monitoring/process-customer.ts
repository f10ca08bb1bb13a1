// One customer's transactions of a batch together, in stream order, leaving what processTransaction
// one at a time leaves: the customer and the rules read once, every transaction's effects written in
// one coalesced TransactWriteItems (each with its claim; a replay left out), the history read once
// for them all, and each transaction's facts taken from it as they stood after that transaction —
// the effects of the later ones of the batch taken back out — then its rules and alerts as before.
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import type { Customer } from '#shared/customers/customer.js';
import { buildAlert } from './alert.js';
import { addDays } from './days.js';
import { transactionEffects, type TransactionEffects } from './effects.js';
import {
  historyDays,
  MAX_ACTIVITY_LOOKBACK_DAYS,
  payerKey,
  payerRange,
  payerWindowKey,
  type AumInput,
  type DayTotals,
  type HistoryInput,
  type TierThreshold,
} from './facts.js';
import type { MonitoringDeps, MonitoringStateStore } from './ports.js';
import { factsOf, type ProcessOutcome } from './process-transaction.js';

/** What taking a customer's transactions together needs of the state besides the one-at-a-time port. */
export interface MonitoringStateBatch {
  /** Several transactions' effects, each with its claim, coalesced; `duplicate` where claimed before. */
  applyAll(effects: readonly TransactionEffects[]): Promise<('applied' | 'duplicate')[]>;
  /** Day totals over [from, to] with how many movements each day had. */
  dayCounts(customerId: string, from: string, to: string): Promise<(DayTotals & { n: number })[]>;
  /** Active days strictly before `before`, not before `notBefore`: latest first, at most `limit`. */
  activeDaysBefore(
    customerId: string,
    before: string,
    notBefore: string,
    limit: number,
  ): Promise<{ businessDate: string; n: number }[]>;
  /** Inflows from a payer per business day over [from, to]. */
  payerDays(customerId: string, payer: string, from: string, to: string): Promise<Map<string, number>>;
}

export type CustomerBatchDeps = MonitoringDeps & { state: MonitoringStateStore & MonitoringStateBatch };

const earliest = (dates: string[]) => dates.reduce((a, b) => (a < b ? a : b));
const latest = (dates: string[]) => dates.reduce((a, b) => (a > b ? a : b));

/** A reader that reads each key once (a business date's AUM or thresholds). */
const once = <T>(read: (key: string) => Promise<T>) => {
  const seen = new Map<string, Promise<T>>();
  return (key: string) => {
    if (!seen.has(key)) seen.set(key, read(key));
    return seen.get(key)!;
  };
};

/** One customer's transactions (all of `txns` are theirs), in stream order. */
const processOneCustomer = async (
  deps: CustomerBatchDeps,
  customerId: string,
  txns: readonly TransactionRecord[],
): Promise<ProcessOutcome[]> => {
  const [customer, rules] = await Promise.all([deps.customers.get(customerId), deps.rules.current()]);
  // the first record of each transactionId is the one that can apply; a later one is its replay
  const first = new Map<string, number>();
  txns.forEach((txn, i) => first.has(txn.transactionId) || first.set(txn.transactionId, i));
  const firsts = [...first.values()];
  const effects = firsts.map((i) => transactionEffects(txns[i]!, customer, deps.ownBanks));
  const written = await deps.state.applyAll(effects);
  const states = txns.map((): ProcessOutcome['state'] => 'duplicate');
  const applied: (TransactionEffects | undefined)[] = txns.map(() => undefined);
  firsts.forEach((i, k) => {
    states[i] = written[k]!;
    if (written[k] === 'applied') applied[i] = effects[k];
  });
  // 无管户: a customer the CRM does not manage has nobody to alert; their flows are still kept
  if (!customer) return states.map((state) => ({ state, managed: false, alerts: [] }));
  if (rules.rules.length === 0) return states.map((state) => ({ state, managed: true, alerts: [] }));

  const { needs } = rules;
  const span = historyDays(needs);
  const dates = txns.map((t) => t.businessDate);
  const payerNames = [...new Set(txns.flatMap((t) => (t.counterpartyName ? [t.counterpartyName] : [])))];
  const ranges = txns.flatMap((t) => needs.payerWindows.map(([f, to]) => payerRange(t.businessDate, f, to)));
  const aumOn = once((date) => deps.aum.balances(customerId, date));
  const thresholdsOn = once((date) => deps.thresholds.thresholds(date));
  // everything the records' facts read, side by side, as gatherFacts reads it for one
  const [days, payers] = await Promise.all([
    span > 0 ? deps.state.dayCounts(customerId, addDays(earliest(dates), -(span - 1)), latest(dates)) : [],
    ranges.length > 0
      ? Promise.all(
          payerNames.map(async (name) => {
            const payer = payerKey(name);
            const from = earliest(ranges.map((r) => r.from));
            const to = latest(ranges.map((r) => r.to));
            return [payer, await deps.state.payerDays(customerId, payer, from, to)] as const;
          }),
        )
      : [],
    ...[...new Set(dates)].flatMap((date) => [
      ...(needs.aum ? [aumOn(date)] : []),
      ...(needs.thresholds ? [thresholdsOn(date)] : []),
    ]),
  ]);
  const payerDays = new Map(payers);

  const outcomes: ProcessOutcome[] = [];
  for (const [i, txn] of txns.entries()) {
    const later = applied.slice(i + 1).filter((e): e is TransactionEffects => e !== undefined);
    const history = await historyAsOf(deps, customerId, txn, { needs, span, days, payerDays, later });
    const [aum, thresholds]: [AumInput | undefined, TierThreshold[] | undefined] = await Promise.all([
      needs.aum ? aumOn(txn.businessDate) : undefined,
      needs.thresholds ? thresholdsOn(txn.businessDate) : undefined,
    ]);
    const facts = factsOf(deps, txn, customer, needs, history, aum, thresholds);
    const hits = rules.evaluate(facts);
    const raisedAt = deps.clock.now().toISOString();
    const alerts = await Promise.all(
      hits.map(async (hit) => {
        const alert = buildAlert({ hit, txn, customer: customer satisfies Customer, facts, raisedAt });
        return { alertId: alert.alertId, ruleId: alert.ruleId, outcome: await deps.alerts.raise(alert) };
      }),
    );
    outcomes.push({ state: states[i]!, managed: true, alerts });
  }
  return outcomes;
};

interface HistoryRead {
  needs: Awaited<ReturnType<MonitoringDeps['rules']['current']>>['needs'];
  span: number;
  days: readonly (DayTotals & { n: number })[];
  payerDays: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The effects of the batch's later transactions, written with this one's: not there yet for it. */
  later: readonly TransactionEffects[];
}

/** The history as gatherHistory would have read it right after `txn`: what was read, less the later effects. */
const historyAsOf = async (
  deps: CustomerBatchDeps,
  customerId: string,
  txn: TransactionRecord,
  { needs, span, days, payerDays, later }: HistoryRead,
): Promise<HistoryInput> => {
  const laterOn = (date: string) => later.filter((e) => e.businessDate === date);
  const windowFrom = addDays(txn.businessDate, -(span - 1));
  const window = days
    .filter((d) => span > 0 && d.businessDate >= windowFrom && d.businessDate <= txn.businessDate)
    .map((d) => {
      const mine = laterOn(d.businessDate);
      return {
        businessDate: d.businessDate,
        outFen: d.outFen - mine.reduce((s, e) => s + e.day.outFen, 0),
        inFen: d.inFen - mine.reduce((s, e) => s + e.day.inFen, 0),
        n: d.n - mine.length,
      };
    })
    .filter((d) => d.n > 0);
  const payerInflows: Record<string, number> = {};
  if (txn.counterpartyName) {
    const payer = payerKey(txn.counterpartyName);
    const counts = payerDays.get(payer) ?? new Map<string, number>();
    for (const [from, to] of needs.payerWindows) {
      const range = payerRange(txn.businessDate, from, to);
      let count = 0;
      for (const [date, n] of counts) if (date >= range.from && date <= range.to) count += n;
      count -= later.filter(
        (e) => e.payer === payer && e.businessDate >= range.from && e.businessDate <= range.to,
      ).length;
      payerInflows[payerWindowKey(from, to)] = count;
    }
  }
  const history: HistoryInput = {
    days: window.map(({ n: _, ...totals }) => totals),
    payerInflows,
  };
  if (needs.activity) {
    const earlier = window.map((d) => d.businessDate).filter((d) => d < txn.businessDate);
    if (earlier.length > 0) history.lastActiveDayBefore = latest(earlier);
    else {
      // each later effect can empty at most one earlier day: read one more day than they can empty
      const emptied = new Set(later.map((e) => e.businessDate).filter((d) => d < txn.businessDate)).size;
      const before = await deps.state.activeDaysBefore(
        customerId,
        txn.businessDate,
        addDays(txn.businessDate, -MAX_ACTIVITY_LOOKBACK_DAYS),
        emptied + 1,
      );
      const active = before.find((d) => d.n - laterOn(d.businessDate).length > 0);
      if (active) history.lastActiveDayBefore = active.businessDate;
    }
  }
  return history;
};

/**
 * Transactions in stream order, as `processTransaction` one after another would leave them, one
 * customer at a time.
 */
export const processCustomerTransactions = async (
  deps: CustomerBatchDeps,
  txns: readonly TransactionRecord[],
): Promise<ProcessOutcome[]> => {
  const outcomes: ProcessOutcome[] = new Array<ProcessOutcome>(txns.length);
  const byCustomer = new Map<string, number[]>();
  txns.forEach((txn, i) => byCustomer.set(txn.customerId, [...(byCustomer.get(txn.customerId) ?? []), i]));
  for (const [customerId, positions] of byCustomer) {
    const mine = await processOneCustomer(
      deps,
      customerId,
      positions.map((i) => txns[i]!),
    );
    positions.forEach((i, k) => (outcomes[i] = mine[k]!));
  }
  return outcomes;
};
