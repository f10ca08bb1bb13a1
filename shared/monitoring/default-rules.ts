// The built-in rule set (version 0 of each rule): what a bank gets before an admin changes anything.
// Amounts are fen: ¥500k = 50_000_000. An admin's PUT of the same ruleId makes version 1 and on.
import type { TriggerRule, TriggerRuleInput } from './rule.js';

const builtIn = (ruleId: string, input: TriggerRuleInput): TriggerRule => ({
  ...input,
  ruleId,
  version: 0,
  updatedAt: '1970-01-01T00:00:00.000Z',
  updatedBy: 'system',
});

export const YUAN = 100;

export const DEFAULT_RULES: readonly TriggerRule[] = [
  builtIn('large-transaction', {
    name: '大额交易',
    description: 'A single transaction of ¥500,000 or more, either way.',
    enabled: true,
    severity: 'high',
    when: { fact: 'absAmountFen', operator: 'gte', value: 500_000 * YUAN },
    dedup: { windowDays: 1 },
    alert: { title: '大额{direction}交易 {absAmountYuan}（{channel}）', slaHours: 24, escalate: true },
  }),
  builtIn('large-cash', {
    name: '大额现金交易',
    description: 'Cash of ¥50,000 or more at the counter or an ATM (no counterparty).',
    enabled: true,
    severity: 'medium',
    when: {
      all: [
        { fact: 'channel', operator: 'in', value: ['counter', 'atm'] },
        { fact: 'assetClass', operator: 'eq', value: 'deposit' },
        { fact: 'counterpartyBank', operator: 'exists', value: false },
        { fact: 'counterpartyName', operator: 'exists', value: false },
        { fact: 'absAmountFen', operator: 'gte', value: 50_000 * YUAN },
      ],
    },
    dedup: { windowDays: 1 },
    alert: { title: '大额现金{direction} {absAmountYuan}', slaHours: 24, escalate: true },
  }),
  builtIn('outflow-other-bank', {
    name: '他行转出',
    description: 'Money leaving for another bank: ¥100,000 or more, or 30% or more of AUM (churn risk).',
    enabled: true,
    severity: 'high',
    when: {
      all: [
        { fact: 'direction', operator: 'eq', value: 'out' },
        { fact: 'otherBank', operator: 'eq', value: true },
        {
          any: [
            { fact: 'absAmountFen', operator: 'gte', value: 100_000 * YUAN },
            { fact: 'absAmountFen', operator: 'gte', value: { fact: 'aumFen', times: 0.3 } },
          ],
        },
      ],
    },
    dedup: { windowDays: 1 },
    alert: {
      title: '他行转出 {absAmountYuan} 至{counterpartyBank}（AUM {aumYuan}）',
      slaHours: 8,
      escalate: true,
    },
  }),
  builtIn('cumulative-outflow', {
    name: '7日累计流出',
    description: 'Outflows over the last 7 days reach half of the AUM the month started with.',
    enabled: true,
    severity: 'critical',
    when: {
      all: [
        { fact: 'direction', operator: 'eq', value: 'out' },
        {
          fact: 'outflowFen',
          windowDays: 7,
          operator: 'gte',
          value: { fact: 'monthStartAumFen', times: 0.5 },
        },
      ],
    },
    dedup: { windowDays: 7 },
    alert: { title: '7日累计流出超过月初AUM（{monthStartAumYuan}）的50%', slaHours: 8, escalate: true },
  }),
  builtIn('maturity', {
    name: '到期提醒',
    description: 'A time deposit or wealth product matured: a reinvestment opportunity.',
    enabled: true,
    severity: 'medium',
    when: {
      all: [
        { fact: 'category', operator: 'eq', value: 'maturity' },
        { fact: 'assetClass', operator: 'in', value: ['time_deposit', 'wealth'] },
      ],
    },
    dedup: { windowDays: 1 },
    alert: { title: '{assetClass}到期 {absAmountYuan}：再投资商机', slaHours: 48, escalate: true },
    serviceSms: {
      template:
        // a notice about their own account, not an offer: the service SMS gate refuses marketing wording
        '【示例银行】尊敬的客户，您的{assetClass}已于{businessDate}到期，金额{absAmountYuan}，请留意资金到账。',
    },
  }),
  builtIn('dormant-reactivated', {
    name: '休眠户激活',
    description: 'The first transaction after 180 days or more without any.',
    enabled: true,
    severity: 'medium',
    when: { fact: 'daysSinceLastActivity', operator: 'gte', value: 180 },
    dedup: { windowDays: 30 },
    alert: {
      title: '休眠{daysSinceLastActivity}天后激活：{direction} {absAmountYuan}',
      slaHours: 72,
      escalate: true,
    },
  }),
  builtIn('salary-credit', {
    name: '代发工资识别',
    description:
      'An inflow of ¥1,000 or more from a payer who also paid 25–35 days before (or marked salary).',
    enabled: true,
    severity: 'low',
    when: {
      all: [
        { fact: 'direction', operator: 'eq', value: 'in' },
        { fact: 'counterpartyName', operator: 'exists', value: true },
        { fact: 'absAmountFen', operator: 'gte', value: 1_000 * YUAN },
        {
          any: [
            { fact: 'category', operator: 'eq', value: 'salary' },
            { fact: 'payerInflowCount', fromDays: 25, toDays: 35, operator: 'gte', value: 1 },
          ],
        },
      ],
    },
    dedup: { windowDays: 91 },
    alert: { title: '识别代发工资：{counterpartyName} {absAmountYuan}', slaHours: 168, escalate: false },
  }),
  builtIn('tier-threshold-crossed', {
    name: '升级商机',
    description: 'This transaction lifts the balance across the threshold of a tier above the customer’s.',
    enabled: true,
    severity: 'medium',
    when: { fact: 'crossedTier', operator: 'exists', value: true },
    dedup: { windowDays: 30 },
    alert: {
      title: '余额升至{crossedTier}门槛（现为{customerTier}）：保持资金可升级',
      slaHours: 72,
      escalate: true,
    },
  }),
];
