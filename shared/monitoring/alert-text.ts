// An alert's words: its title and service SMS text, filled from the rule's `{placeholder}` templates
// with the bank's Chinese labels (direction, asset class, channel, category, tier) and yuan amounts.
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import type { Facts } from './facts.js';
import type { Placeholder } from './rule.js';

const DIRECTION_ZH: Record<string, string> = { in: '转入', out: '转出' };
const ASSET_CLASS_ZH: Record<string, string> = {
  deposit: '活期存款',
  time_deposit: '定期存款',
  wealth: '理财产品',
  fund: '基金',
  insurance: '保险',
  bond: '国债',
  precious_metal: '贵金属',
  trust: '信托',
};
const CHANNEL_ZH: Record<string, string> = {
  counter: '柜面',
  mobile: '手机银行',
  online: '网上银行',
  atm: 'ATM',
  pos: 'POS',
  batch: '批量',
  workbench: '工作台',
  core: '核心系统',
};
const CATEGORY_ZH: Record<string, string> = {
  salary: '工资',
  consumption: '消费',
  investment: '投资',
  transfer: '转账',
  transfer_to_self: '本人他行互转',
  loan: '贷款',
  interest: '利息',
  maturity: '到期',
  fee: '费用',
  other: '其他',
};
export const TIER_ZH: Record<string, string> = {
  standard: '普通',
  gold: '金卡',
  platinum: '白金',
  diamond: '钻石',
  private_banking: '私人银行',
};

/** ¥1,234.5 → `¥1,234.50`; whole yuan without decimals. */
export const formatYuan = (fen: number): string => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const digits = abs % 100 === 0 ? 0 : 2;
  return `${sign}¥${(abs / 100).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: 2 })}`;
};

export interface TemplateContext {
  ruleName: string;
  customer: Pick<Customer, 'customerId' | 'name'>;
  txn: Pick<TransactionRecord, 'businessDate'>;
  facts: Facts;
}

const label = (labels: Record<string, string>, value: string | undefined) =>
  value === undefined ? undefined : (labels[value] ?? value);

const placeholderValue = (name: Placeholder, c: TemplateContext): string | number | undefined => {
  const f = c.facts;
  switch (name) {
    case 'ruleName':
      return c.ruleName;
    case 'customerId':
      return c.customer.customerId;
    case 'customerName':
      return c.customer.name;
    case 'customerTier':
      return label(TIER_ZH, f.customerTier);
    case 'amountYuan':
      return formatYuan(f.amountFen);
    case 'absAmountYuan':
      return formatYuan(f.absAmountFen);
    case 'amountFen':
      return f.amountFen;
    case 'direction':
      return label(DIRECTION_ZH, f.direction);
    case 'assetClass':
      return label(ASSET_CLASS_ZH, f.assetClass);
    case 'channel':
      return label(CHANNEL_ZH, f.channel);
    case 'category':
      return label(CATEGORY_ZH, f.category);
    case 'counterpartyBank':
      return f.counterpartyBank;
    case 'counterpartyName':
      return f.counterpartyName;
    case 'businessDate':
      return c.txn.businessDate;
    case 'aumYuan':
      return f.aumFen === undefined ? undefined : formatYuan(f.aumFen);
    case 'monthStartAumYuan':
      return f.monthStartAumFen === undefined ? undefined : formatYuan(f.monthStartAumFen);
    case 'crossedTier':
      return label(TIER_ZH, f.crossedTier);
    case 'daysSinceLastActivity':
      return f.daysSinceLastActivity;
  }
};

/** Fills `{placeholder}`s (validated when the rule was stored); an unknown value reads `—`. */
export const renderTemplate = (template: string, context: TemplateContext): string =>
  template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const value = placeholderValue(name as Placeholder, context);
    return value === undefined || value === '' ? '—' : String(value);
  });
