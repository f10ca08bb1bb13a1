// The tester's form → the test body: a transaction as core banking posts it, and either a real
// customer's id or sample facts. Pure.
import type { RuleDraft, RuleTest } from './types';

export interface SampleForm {
  source: 'sample' | 'customer';
  customerId: string;
  direction: 'in' | 'out';
  amountFen?: number;
  assetClass: string;
  channel: string;
  category?: string;
  counterpartyBank: string;
  counterpartyName: string;
  businessDate: string;
  tier: string;
  aumFen?: number;
  monthStartAumFen?: number;
  priorOutFen?: number;
  priorInFen?: number;
  lastActiveDay: string;
  payerInflowDate: string;
}

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
export const todayInShanghai = (now = Date.now()): string =>
  new Date(now + SHANGHAI_MS).toISOString().slice(0, 10);
const dayBefore = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

export const emptySample = (): SampleForm => ({
  source: 'sample',
  customerId: '',
  direction: 'out',
  amountFen: 60_000_000,
  assetClass: 'deposit',
  channel: 'mobile',
  counterpartyBank: '',
  counterpartyName: '',
  businessDate: todayInShanghai(),
  tier: 'gold',
  aumFen: 100_000_000,
  lastActiveDay: '',
  payerInflowDate: '',
});

const optional = <K extends string>(key: K, value: string | undefined) =>
  value?.trim() ? ({ [key]: value.trim() } as Record<K, string>) : {};

export const testBody = (rule: RuleDraft, form: SampleForm, now = new Date()): RuleTest => {
  const amount = form.amountFen ?? 0;
  const sample = form.source === 'sample';
  return {
    rule,
    transaction: {
      transactionId: `RULE-TEST-${now.getTime()}`,
      customerId: sample ? 'SAMPLE' : form.customerId.trim(),
      accountId: 'SAMPLE',
      assetClass: form.assetClass as RuleTest['transaction']['assetClass'],
      amountFen: form.direction === 'out' ? -amount : amount,
      direction: form.direction,
      channel: form.channel as RuleTest['transaction']['channel'],
      ...(form.category ? { category: form.category as RuleTest['transaction']['category'] } : {}),
      ...optional('counterpartyBank', form.counterpartyBank),
      ...optional('counterpartyName', form.counterpartyName),
      bookedAt: now.toISOString(),
      businessDate: form.businessDate,
    },
    ...(sample
      ? {
          customer: {
            tier: form.tier as NonNullable<RuleTest['customer']>['tier'],
            aumFen: form.aumFen ?? 0,
            ...(form.monthStartAumFen !== undefined ? { monthStartAumFen: form.monthStartAumFen } : {}),
            ...optional('lastActiveDay', form.lastActiveDay),
            ...(form.priorOutFen || form.priorInFen
              ? {
                  days: [
                    {
                      businessDate: dayBefore(form.businessDate),
                      outFen: form.priorOutFen ?? 0,
                      inFen: form.priorInFen ?? 0,
                    },
                  ],
                }
              : {}),
            ...(form.payerInflowDate.trim() ? { payerInflowDates: [form.payerInflowDate.trim()] } : {}),
          },
        }
      : {}),
  };
};
