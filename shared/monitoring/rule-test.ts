// Testing a draft rule (预警规则试算) before it is proposed: the sample transaction goes through what
// the stream does with a real one — the same record, the same fact gathering (process-transaction.ts)
// on the customer's stored state or on sample facts, the same compiled rule — except that nothing is
// written: the transaction's own day is added to the state as the stream's apply would have added it.
import type { z } from 'zod';
import { toRecord } from '#shared/transactions/ingest.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { RequestContext } from '#shared/request-context.js';
import { renderTemplate } from './alert-text.js';
import type { RuleTestBody, RuleTestResult } from './api.js';
import { compileRule } from './compile.js';
import { alertIdOf, dedupWindow } from './dedup.js';
import { transactionEffects, type TransactionEffects } from './effects.js';
import { explainRule } from './explain.js';
import type { DayTotals } from './facts.js';
import { gatherFacts } from './process-transaction.js';
import type { AumSource, MonitoringStateStore, ThresholdSource } from './ports.js';
import type { TriggerRule } from './rule.js';
import { sampleSources } from './sample-customer.js';

export interface RuleTestDeps {
  customers: CustomerStore;
  state: MonitoringStateStore;
  aum: AumSource;
  thresholds: ThresholdSource;
  alerts: { get(alertId: string): Promise<unknown> };
  ownBanks: ReadonlySet<string>;
}

/** Day totals with the transaction's own movement added to its day, as after the stream's apply. */
export const withOwnDay = (
  days: readonly DayTotals[],
  effects: Pick<TransactionEffects, 'businessDate' | 'day'>,
  from: string,
  to: string,
): DayTotals[] => {
  if (effects.businessDate < from || effects.businessDate > to) return [...days];
  const own = days.find((d) => d.businessDate === effects.businessDate);
  const rest = days.filter((d) => d !== own);
  const base = own ?? { businessDate: effects.businessDate, outFen: 0, inFen: 0 };
  return [
    ...rest,
    { ...base, outFen: base.outFen + effects.day.outFen, inFen: base.inFen + effects.day.inFen },
  ];
};

/** The state as it reads once the transaction is applied (the sample is taken as not yet applied). */
const afterApply = (state: MonitoringStateStore, effects: TransactionEffects): MonitoringStateStore => ({
  apply: () => Promise.reject(new Error('a rule test writes nothing')),
  days: async (customerId, from, to) => withOwnDay(await state.days(customerId, from, to), effects, from, to),
  lastActiveDayBefore: (customerId, before, notBefore) =>
    state.lastActiveDayBefore(customerId, before, notBefore),
  payerInflows: (customerId, payer, from, to) => state.payerInflows(customerId, payer, from, to),
});

export const testRule = async (
  deps: RuleTestDeps,
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  ruleId: string,
  body: z.output<typeof RuleTestBody>,
): Promise<z.output<typeof RuleTestResult>> => {
  const now = ctx.clock.now().toISOString();
  const rule: TriggerRule = {
    ...body.rule,
    ruleId,
    version: 0,
    updatedAt: now,
    updatedBy: ctx.caller.staffId,
  };
  const txn = toRecord(body.transaction, now);
  const sample = body.customer;
  const customer = sample
    ? { customerId: txn.customerId, name: sample.name, tier: sample.tier }
    : await getVisibleCustomer(deps.customers, ctx, txn.customerId);
  const sources = sample ? sampleSources(sample) : deps;
  const effects = transactionEffects(txn, undefined, deps.ownBanks);
  const facts = await gatherFacts(
    {
      state: afterApply(sources.state, effects),
      aum: sources.aum,
      thresholds: deps.thresholds,
      ownBanks: deps.ownBanks,
    },
    txn,
    customer,
    compileRule(rule).needs,
  );
  const { fires, matched, conditions, evidence } = explainRule(rule, facts);
  const window = dedupWindow(txn.businessDate, rule.dedup.windowDays);
  const alertId = alertIdOf(ruleId, customer.customerId, window.key);
  return {
    ruleId,
    fires,
    matched,
    enabled: rule.enabled,
    conditions,
    facts: evidence,
    customer: {
      source: sample ? 'sample' : 'customer',
      customerId: customer.customerId,
      name: customer.name,
      tier: customer.tier,
    },
    ...(fires
      ? {
          alert: {
            alertId,
            windowKey: window.key,
            title: renderTemplate(rule.alert.title, { ruleName: rule.name, customer, txn, facts }),
            severity: rule.severity,
            slaHours: rule.alert.slaHours,
            alreadyRaised: sample ? false : (await deps.alerts.get(alertId)) !== undefined,
          },
        }
      : {}),
  };
};
