// How a rule reads to a person: facts, operators and values in the catalogue's words, money in yuan.
import type { MessageKey, Translate } from '../i18n/i18n';
import { tierKey } from '../i18n/labels';
import { formatFen } from '../money';

/** Facts in fen (shown and typed in yuan). */
export const FEN_FACTS: readonly string[] = [
  'amountFen',
  'absAmountFen',
  'aumFen',
  'aumAfterFen',
  'monthStartAumFen',
  'outflowFen',
  'inflowFen',
];
export const isFenFact = (fact: string): boolean => FEN_FACTS.includes(fact);

const TIER_FACTS = ['customerTier', 'crossedTier'];

/** `outflowFen:7d` (an evidence label) or `outflowFen` → the fact's name. */
export const factOf = (label: string): string => label.split(':')[0]!;

export const factLabel = (t: Translate, fact: string): string =>
  t(`triggerRules.fact.${factOf(fact)}` as MessageKey);

export const opLabel = (t: Translate, operator: string): string =>
  t(`triggerRules.op.${operator}` as MessageKey);

/** A value of a fact as people read it: yuan, a tier's name, 转入, 是 / 否. */
export const valueLabel = (t: Translate, fact: string, value: unknown): string => {
  const name = factOf(fact);
  if (typeof value === 'boolean') return t(value ? 'triggerRules.yes' : 'triggerRules.no');
  if (typeof value === 'number')
    return isFenFact(name) ? `${formatFen(value)} ${t('common.yuan')}` : String(value);
  if (Array.isArray(value)) return value.map((v) => valueLabel(t, fact, v)).join('、');
  if (typeof value !== 'string') return JSON.stringify(value);
  if (TIER_FACTS.includes(name)) return t(tierKey(value));
  if (['direction', 'assetClass', 'channel', 'category'].includes(name)) {
    return t(`triggerRules.value.${name}.${value}` as MessageKey);
  }
  return value;
};

/** `近 7 日` / `25–35 天前` for a window or payer label; '' otherwise. */
export const windowLabel = (t: Translate, label: string): string => {
  const parameter = label.split(':')[1]?.replace(/d$/, '');
  if (!parameter) return '';
  const [from, to] = parameter.split('-');
  return to ? t('triggerRules.payerRange', { from: from!, to }) : t('triggerRules.windowDays', { n: from! });
};

/** The window of a predicate as people read it (`近 7 日`), or ''. */
export const predicateWindow = (
  t: Translate,
  p: { windowDays?: number; fromDays?: number; toDays?: number },
): string =>
  p.windowDays !== undefined
    ? windowLabel(t, `x:${p.windowDays}d`)
    : p.fromDays !== undefined
      ? windowLabel(t, `x:${p.fromDays}-${p.toDays}d`)
      : '';
