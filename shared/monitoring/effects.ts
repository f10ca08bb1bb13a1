// What one transaction adds to the monitoring state, computed once and written exactly once (with
// the claim marker of its transactionId, in one TransactWriteItems): the customer's day totals, the
// payer's inflow, the customer's fund-flow cell (资金流向) and, for another bank, the org unit's.
// Everything is an ADD, so the order transactions arrive in does not matter. Pure.
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { monthOf } from './days.js';
import { isOtherBank, payerKey, type FlowCategory } from './facts.js';

/** The bank of a flow without a counterparty bank: cash, internal transfers, our own products. */
export const NO_COUNTERPARTY_BANK = '-';

export interface FlowCell {
  month: string;
  direction: 'in' | 'out';
  /** the counterparty bank, or {@link NO_COUNTERPARTY_BANK} */
  bank: string;
  category: FlowCategory | 'uncategorised';
  amountFen: number;
}

export interface OrgFlowCell {
  branchId: string;
  orgId: string;
  orgPath: string;
  month: string;
  bank: string;
  direction: 'in' | 'out';
  amountFen: number;
}

export interface TransactionEffects {
  customerId: string;
  transactionId: string;
  businessDate: string;
  /** Σ |amount| each way on the business day */
  day: { outFen: number; inFen: number };
  /** an inflow with a payer: counted for recurring-payer (salary) detection */
  payer?: string;
  flow: FlowCell;
  /** only for another bank's counterparty and a customer we manage */
  orgFlow?: OrgFlowCell;
  /** what the claim marker remembers, to tell a replay from a reused id */
  claim: { amountFen: number; businessDate: string };
}

export const transactionEffects = (
  txn: TransactionRecord,
  customer: Pick<Customer, 'orgId' | 'orgPath' | 'branchId'> | undefined,
  ownBanks: ReadonlySet<string>,
): TransactionEffects => {
  const amount = Math.abs(txn.amountFen);
  const month = monthOf(txn.businessDate);
  const bank = txn.counterpartyBank ?? NO_COUNTERPARTY_BANK;
  return {
    customerId: txn.customerId,
    transactionId: txn.transactionId,
    businessDate: txn.businessDate,
    day: txn.direction === 'out' ? { outFen: amount, inFen: 0 } : { outFen: 0, inFen: amount },
    ...(txn.direction === 'in' && txn.counterpartyName ? { payer: payerKey(txn.counterpartyName) } : {}),
    flow: {
      month,
      direction: txn.direction,
      bank,
      category: txn.category ?? 'uncategorised',
      amountFen: amount,
    },
    ...(customer && isOtherBank(txn.counterpartyBank, ownBanks)
      ? {
          orgFlow: {
            branchId: customer.branchId,
            orgId: customer.orgId,
            orgPath: customer.orgPath,
            month,
            bank,
            direction: txn.direction,
            amountFen: amount,
          },
        }
      : {}),
    claim: { amountFen: txn.amountFen, businessDate: txn.businessDate },
  };
};
