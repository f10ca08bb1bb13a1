// A payment out to another bank's account → the account's payer set → the many-to-one pattern
// (many-to-one.ts) → an alert per payer to their RM. Idempotent: the payer set keeps first payments
// (a replay changes nothing) and an alert's id is fixed by rule, customer and account. The check is
// a few key reads whatever the payer count: the day counts around the payer's first payment, and only
// when a window fires, the window's payers (at most the rule's `listed`, or all of them once).
import type { Clock } from '#shared/clock.js';
import type { AlertSink, CustomerSource } from '#shared/monitoring/ports.js';
import { isOtherBank } from '#shared/monitoring/facts.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import type { CounterpartyNode } from './counterparty.js';
import {
  daysAround,
  firingWindows,
  isNewAccount,
  type ManyToOneRule,
  type PayerWindow,
} from './many-to-one.js';
import { manyToOneAlert } from './many-to-one-alert.js';
import type { FirstPayment, PayerSetStore } from './ports.js';

export interface ManyToOneDeps {
  payers: PayerSetStore;
  customers: CustomerSource;
  alerts: AlertSink;
  clock: Clock;
  ownBanks: ReadonlySet<string>;
  manyToOne: ManyToOneRule;
}

/** The most payers one firing raises alerts for at once (a window that large is rare and urgent). */
const MAX_FIRST_FIRING = 200;

const paymentOf = (txn: TransactionRecord): FirstPayment => ({
  customerId: txn.customerId,
  transactionId: txn.transactionId,
  bookedAt: txn.bookedAt,
  businessDate: txn.businessDate,
  amountFen: txn.amountFen,
  assetClass: txn.assetClass,
  channel: txn.channel,
  ...(txn.counterpartyBank ? { counterpartyBank: txn.counterpartyBank } : {}),
});

/** How many alerts were raised (or found raised) for this transaction. */
export const checkManyToOne = async (
  deps: ManyToOneDeps,
  txn: TransactionRecord,
  node: CounterpartyNode,
): Promise<number> => {
  if (txn.direction !== 'out' || !isOtherBank(txn.counterpartyBank, deps.ownBanks)) return 0;
  const rule = deps.manyToOne;
  const account = node.counterpartyId;
  const first = await deps.payers.recordPayer(account, paymentOf(txn));
  const { from, to } = daysAround(first.businessDate, rule);
  const perDay = await deps.payers.firstPayersPerDay(account, from, to);
  const windows = firingWindows(perDay, first.businessDate, rule);
  if (windows.length === 0) return 0;
  const firstSeen = await deps.payers.firstSeen(account);
  let raised = 0;
  for (const window of windows) {
    if (!firstSeen || !isNewAccount(firstSeen, window, rule)) continue;
    raised += await raiseForWindow(deps, { node, window, first, current: txn.transactionId });
  }
  return raised;
};

/**
 * A window that reached N: the first time, an alert for each of its payers; after that, only for a
 * payer whose first payment this is (a replay of an older one finds its alert raised already).
 */
const raiseForWindow = async (
  deps: ManyToOneDeps,
  input: { node: CounterpartyNode; window: PayerWindow; first: FirstPayment; current: string },
): Promise<number> => {
  const { node, window, first, current } = input;
  const rule = deps.manyToOne;
  const account = node.counterpartyId;
  const fired = await deps.payers.hasFired(account, window.start);
  if (fired && first.transactionId !== current) return 0;
  const payers = await deps.payers.payersBetween(
    account,
    window.start,
    window.end,
    fired ? rule.listed + 1 : Math.max(MAX_FIRST_FIRING, rule.listed + 1),
  );
  const targets = fired ? [first] : payers;
  const ids = [...new Set([...payers, ...targets].map((p) => p.customerId))];
  const customers = (await Promise.all(ids.map((id) => deps.customers.get(id)))).filter(
    (c) => c !== undefined,
  );
  const raisedAt = deps.clock.now().toISOString();
  let raised = 0;
  for (const payment of targets) {
    const customer = customers.find((c) => c.customerId === payment.customerId);
    if (!customer) continue;
    const others = customers.filter((c) => c.customerId !== customer.customerId).slice(0, rule.listed);
    await deps.alerts.raise(manyToOneAlert({ rule, node, window, payment, customer, others, raisedAt }));
    raised += 1;
  }
  if (!fired) await deps.payers.markFired(account, window.start);
  return raised;
};
