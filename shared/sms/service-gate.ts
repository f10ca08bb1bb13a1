// The service SMS gate (通知短信闸门): what a service SMS (an alert's notice, a maturity reminder, an
// upgrade welcome) must pass before it is sent. Service SMS need no marketing consent, so they may
// not market (Advertising Law Art. 43, MIIT Order 31 Art. 18: a refusal holds for anything
// commercial): no marketing wording, the bank's 【signature】 first, a refusal honoured for anything
// that is not strictly about the customer's own account, and the send window except for security
// notices. Pure: everything it judges is handed in.
import type { ConsentStanding } from '#shared/consent/consent.js';
import { hasSignature } from '#shared/campaigns/template.js';
import { inWindow, nextWindowOpening, type SendWindow } from '#shared/campaigns/window.js';

/**
 * What a service SMS is about:
 * - `security`: their own account's safety (a large outflow, a large cash withdrawal): goes even to
 *   a number that refused marketing, at any hour;
 * - `account`: strictly their own account (a posting, a balance): goes to a refused number, in the window;
 * - `relationship`: anything else (a maturity reminder, an upgrade welcome): a refusal holds.
 */
export const SERVICE_SMS_PURPOSES = ['security', 'account', 'relationship'] as const;
export type ServiceSmsPurpose = (typeof SERVICE_SMS_PURPOSES)[number];

/** The built-in trigger rules whose notice is about the safety of the customer's own account. */
const SECURITY_RULES = new Set([
  'large-transaction',
  'large-cash',
  'outflow-other-bank',
  'cumulative-outflow',
]);

/** A rule's notice purpose; a rule the bank adds later is `relationship` (the refusal holds) unless listed. */
export const purposeOfRule = (ruleId: string): ServiceSmsPurpose =>
  SECURITY_RULES.has(ruleId) ? 'security' : 'relationship';

/** Words that make a text marketing (理财 products, offers, returns, promotions). */
export const MARKETING_WORDS = [
  '理财',
  '产品',
  '优惠',
  '收益',
  '推荐',
  '活动',
  '限时',
  '特价',
  '促销',
  '折扣',
  '返现',
  '礼品',
  '抽奖',
  '福利',
  '新品',
  '抢购',
  '利率上浮',
  '年化',
] as const;

/** The marketing words in a text, in list order (width-folded first: ＊理财＊ is 理财). */
export const marketingWords = (text: string): string[] => {
  const folded = text.normalize('NFKC').replace(/\s+/g, '');
  return MARKETING_WORDS.filter((word) => folded.includes(word));
};

/** What is wrong with a service SMS template, as messages for its field (empty: nothing). */
export const serviceTemplateProblems = (template: string): string[] => {
  const problems: string[] = [];
  if (!hasSignature(template))
    problems.push('must start with the bank’s SMS signature in 【】, e.g. 【某某银行】');
  const words = marketingWords(template);
  if (words.length > 0)
    problems.push(
      `a service SMS may not market: remove ${words.map((w) => `“${w}”`).join(', ')} (service SMS need no consent, so they may carry no offer)`,
    );
  return problems;
};

export const SERVICE_SUPPRESSION_REASONS = [
  'no_phone',
  'no_signature',
  'marketing_wording',
  'opted_out',
  'consent_withdrawn',
] as const;
export type ServiceSuppressionReason = (typeof SERVICE_SUPPRESSION_REASONS)[number];

export interface ServiceGateInput {
  now: Date;
  purpose: ServiceSmsPurpose;
  /** The template it was rendered from (the wording is judged there: a placeholder's value is data). */
  template: string;
  /** The text as it would be sent. */
  text: string;
  phone: string | undefined;
  standing: Pick<ConsentStanding, 'consent' | 'phoneOptedOut'>;
  window: SendWindow;
}

export type ServiceGateDecision =
  | { action: 'send' }
  | { action: 'suppress'; reason: ServiceSuppressionReason; detail?: string }
  | { action: 'wait'; until: Date };

export const judgeServiceSms = (input: ServiceGateInput): ServiceGateDecision => {
  if (!input.phone) return { action: 'suppress', reason: 'no_phone' };
  if (!hasSignature(input.template) || !hasSignature(input.text))
    return { action: 'suppress', reason: 'no_signature' };
  const words = marketingWords(input.template);
  if (words.length > 0) return { action: 'suppress', reason: 'marketing_wording', detail: words.join(',') };
  if (input.purpose === 'relationship') {
    if (input.standing.phoneOptedOut) return { action: 'suppress', reason: 'opted_out' };
    if (input.standing.consent === 'withdrawn') return { action: 'suppress', reason: 'consent_withdrawn' };
  }
  if (input.purpose !== 'security' && !inWindow(input.now, input.window))
    return { action: 'wait', until: nextWindowOpening(input.now, input.window) };
  return { action: 'send' };
};
