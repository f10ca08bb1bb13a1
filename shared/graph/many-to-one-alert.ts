// The many-to-one alert for one payer, to their RM, through the monitoring alert path (its SLA,
// escalation, outcome). One per customer and account: the id is the rule's, the customer's and the
// account node's, so however often the pattern is seen again, the conditional put lets one in.
// The other payers are listed masked, with their RMs, so the RMs can act together.
import type { Customer } from '#shared/customers/customer.js';
import { alertCustomer, dueAtOf, type Alert } from '#shared/monitoring/alert.js';
import { alertIdOf } from '#shared/monitoring/dedup.js';
import { monthOf } from '#shared/monitoring/days.js';
import { maskCounterpartyName, type CounterpartyNode } from './counterparty.js';
import type { ManyToOneRule, PayerWindow } from './many-to-one.js';
import type { FirstPayment } from './ports.js';

export interface OtherPayer {
  customer: Pick<Customer, 'customerId' | 'name' | 'managerId'>;
}

/** 王** (rm-bj-01): a customer of another RM as this RM may see them. */
export const listedPayer = (customer: OtherPayer['customer']): string =>
  `${maskCounterpartyName(customer.name)} (${customer.managerId})`;

export const manyToOneAlert = (input: {
  rule: ManyToOneRule;
  node: CounterpartyNode;
  window: PayerWindow;
  payment: FirstPayment;
  customer: Customer;
  others: OtherPayer['customer'][];
  raisedAt: string;
}): Alert => {
  const { rule, node, window, payment, customer, others, raisedAt } = input;
  const account = `${node.bank ?? ''}${node.maskedAccount}`;
  return {
    alertId: alertIdOf(rule.ruleId, customer.customerId, node.counterpartyId),
    ruleId: rule.ruleId,
    ruleVersion: rule.version,
    ruleName: rule.name,
    severity: rule.severity,
    title: `${window.payers} 名本行客户 ${rule.windowDays} 天内向同一新账户 ${account} 转出`,
    ...alertCustomer(customer),
    window: { key: `${window.start}P${rule.windowDays}D`, start: window.start, end: window.end },
    cohortMonth: monthOf(payment.businessDate),
    trigger: {
      transactionId: payment.transactionId,
      bookedAt: payment.bookedAt,
      businessDate: payment.businessDate,
      amountFen: payment.amountFen,
      direction: 'out',
      assetClass: payment.assetClass,
      channel: payment.channel,
      ...(payment.counterpartyBank ? { counterpartyBank: payment.counterpartyBank } : {}),
      ...(node.maskedName ? { counterpartyName: node.maskedName } : {}),
    },
    triggerKey: `${payment.bookedAt}#${payment.transactionId}`,
    amountAtRiskFen: Math.abs(payment.amountFen),
    evidence: {
      counterparty: account,
      payers: window.payers,
      windowDays: rule.windowDays,
      others: others.map(listedPayer).join('、'),
    },
    status: 'open',
    raisedAt,
    slaHours: rule.slaHours,
    dueAt: dueAtOf(raisedAt, rule.slaHours),
    escalate: rule.escalate,
    version: 1,
  };
};
