// The compiler against the interpreter: for random rules (any fact, operator and nesting the schema
// allows) over random facts, the compiled plain function answers what reading the rule JSON answers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TIERS } from '#shared/customers/customer.js';
import { ASSET_CLASSES, FLOW_CATEGORIES, TRANSACTION_CHANNELS } from '#shared/transactions/transaction.js';
import { compileRule, compileRuleSet, compareScaled } from '#shared/monitoring/compile.js';
import { interpret, type FactLookup } from '#shared/monitoring/reference.js';
import { NUMBER_FACTS, payerWindowKey, type Facts } from '#shared/monitoring/facts.js';
import type { Condition } from '#shared/monitoring/condition.js';
import { TriggerRuleInput, type TriggerRule } from '#shared/monitoring/rule.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import { triggerRule } from '../support/monitoring.js';

const WINDOWS = [1, 3, 7] as const;
const PAYER_WINDOWS = [
  [1, 10],
  [25, 35],
] as const;
const BANKS = ['本行', '招商银行', '工商银行'];
const NAMES = ['北京某科技有限公司', 'ACME', '张三'];
const PATTERNS = ['银行$', '^招', '公司', '^A.*E$', '[0-9]+'];

const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((n) => n * 1_000),
  fc.constantFrom(0, 3_000, 10_000, 2 ** 50, -(2 ** 50), Number.MAX_SAFE_INTEGER),
);
const comparison = fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte');
const ref = fc.record({
  fact: fc.constantFrom(...NUMBER_FACTS),
  times: fc.constantFrom(0.1, 0.3, 0.5, 1, 2, 0.0001),
});
const numberValue = fc.oneof(number, ref);
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const subset = <T>(values: readonly T[]) =>
  fc.uniqueArray(pick(values), { minLength: 1, maxLength: values.length });

const exists = (fact: string) =>
  fc.record({ fact: fc.constant(fact), operator: fc.constant('exists'), value: fc.boolean() });

const predicate: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ fact: pick(NUMBER_FACTS), operator: comparison, value: numberValue }),
  exists('aumFen'),
  fc.record({
    fact: pick(['outflowFen', 'inflowFen']),
    windowDays: pick(WINDOWS),
    operator: comparison,
    value: numberValue,
  }),
  pick(PAYER_WINDOWS).chain(([fromDays, toDays]) =>
    fc.record({
      fact: fc.constant('payerInflowCount'),
      fromDays: fc.constant(fromDays),
      toDays: fc.constant(toDays),
      operator: comparison,
      value: fc.integer({ min: 0, max: 3 }),
    }),
  ),
  ...(
    [
      ['direction', ['in', 'out']],
      ['assetClass', ASSET_CLASSES],
      ['channel', TRANSACTION_CHANNELS],
      ['category', FLOW_CATEGORIES],
    ] as const
  ).flatMap(([fact, values]) => [
    fc.record({ fact: fc.constant(fact), operator: pick(['eq', 'ne']), value: pick(values) }),
    fc.record({ fact: fc.constant(fact), operator: pick(['in', 'notIn']), value: subset(values) }),
    exists(fact),
  ]),
  fc.record({ fact: pick(['customerTier', 'crossedTier']), operator: comparison, value: pick(TIERS) }),
  fc.record({
    fact: pick(['customerTier', 'crossedTier']),
    operator: pick(['in', 'notIn']),
    value: subset(TIERS),
  }),
  exists('crossedTier'),
  fc.record({
    fact: pick(['counterpartyBank', 'counterpartyName']),
    operator: pick(['eq', 'ne']),
    value: pick([...BANKS, ...NAMES]),
  }),
  fc.record({
    fact: pick(['counterpartyBank', 'counterpartyName']),
    operator: pick(['in', 'notIn']),
    value: subset([...BANKS, ...NAMES]),
  }),
  fc.record({
    fact: pick(['counterpartyBank', 'counterpartyName', 'accountId']),
    operator: fc.constant('matches'),
    value: pick(PATTERNS),
    ignoreCase: fc.boolean(),
  }),
  exists('counterpartyName'),
  fc.record({ fact: fc.constant('otherBank'), operator: pick(['eq', 'ne']), value: fc.boolean() }),
) as fc.Arbitrary<Condition>;

const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    predicate,
    fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const windowed = fc.tuple(number, number, number).map(([a, b, c]) => ({ 1: a, 3: b, 7: c }));

const factsArbitrary: fc.Arbitrary<Facts> = fc
  .record({
    amountFen: number,
    direction: pick(['in', 'out'] as const),
    assetClass: pick(ASSET_CLASSES),
    channel: pick(TRANSACTION_CHANNELS),
    category: optional(pick(FLOW_CATEGORIES)),
    counterpartyBank: optional(pick(BANKS)),
    counterpartyName: optional(pick(NAMES)),
    accountId: pick(['A1', 'ACE', '622202']),
    otherBank: fc.boolean(),
    customerTier: pick(TIERS),
    aumFen: optional(number),
    monthStartAumFen: optional(number),
    crossedTier: optional(pick(TIERS)),
    daysSinceLastActivity: optional(fc.integer({ min: 1, max: 400 })),
    outflowFen: windowed,
    inflowFen: windowed,
    payer: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
  })
  .map(({ payer, ...f }) => {
    const facts: Facts = {
      ...f,
      absAmountFen: Math.abs(f.amountFen),
      payerInflowCount: {
        [payerWindowKey(...PAYER_WINDOWS[0])]: payer[0],
        [payerWindowKey(...PAYER_WINDOWS[1])]: payer[1],
      },
    };
    if (f.aumFen !== undefined) facts.aumAfterFen = f.aumFen + f.amountFen;
    for (const key of Object.keys(facts) as (keyof Facts)[]) if (facts[key] === undefined) delete facts[key];
    return facts;
  });

const lookup =
  (facts: Facts): FactLookup =>
  (p) => {
    if (p.fact === 'outflowFen' || p.fact === 'inflowFen') return facts[p.fact][p.windowDays!];
    if (p.fact === 'payerInflowCount') return facts.payerInflowCount[payerWindowKey(p.fromDays!, p.toDays!)];
    return facts[p.fact as keyof Facts];
  };

const rule = (when: Condition): TriggerRule => triggerRule('random', when);

describe('compiled rules', () => {
  it('answer what the interpreter answers, for random rules over random facts', () => {
    const answers = { true: 0, false: 0 };
    fc.assert(
      fc.property(
        fc.array(condition, { minLength: 1, maxLength: 3 }),
        fc.array(factsArbitrary, { minLength: 1, maxLength: 8 }),
        (whens, factsList) => {
          const rules = whens.map((when, i) => ({ ...rule(when), ruleId: `random-${i}` }));
          for (const r of rules) {
            // the generator makes rules the API would accept
            const { ruleId: _id, version: _v, updatedAt: _a, updatedBy: _b, ...input } = r;
            expect(TriggerRuleInput.safeParse(input).error?.issues ?? []).toEqual([]);
          }
          const compiled = rules.map(compileRule);
          const { set } = compileRuleSet(rules);
          for (const facts of factsList) {
            const expected = rules.filter((r) => interpret(r.when, lookup(facts))).map((r) => r.ruleId);
            compiled.forEach((c, i) => {
              const answer = expected.includes(rules[i]!.ruleId);
              expect(c.test(facts)).toBe(answer);
              answers[`${answer}`] += 1;
            });
            expect(set.evaluate(facts).map((c) => c.rule.ruleId)).toEqual(expected);
          }
        },
      ),
      { numRuns: 2000 },
    );
    // not a vacuous agreement: both answers come up often
    expect(Math.min(answers.true, answers.false)).toBeGreaterThan(1000);
  });

  it('say which facts to gather: the union of the windows and sources the enabled rules use', () => {
    const { set } = compileRuleSet(DEFAULT_RULES);
    expect(set.needs).toEqual({
      aum: true,
      thresholds: true,
      activity: true,
      outflowWindows: [7],
      inflowWindows: [],
      payerWindows: [[25, 35]],
    });
    const { set: none } = compileRuleSet(DEFAULT_RULES.filter((r) => r.ruleId === 'large-transaction'));
    expect(none.needs).toMatchObject({ aum: false, activity: false, outflowWindows: [], payerWindows: [] });
    const { set: disabled } = compileRuleSet(DEFAULT_RULES.map((r) => ({ ...r, enabled: false })));
    expect(disabled.rules).toEqual([]);
  });

  it('compare against a scaled fact exactly, beyond 2^53 too', () => {
    expect(compareScaled('gte', 3_000_000, 10_000_000, 3_000)).toBe(true);
    expect(compareScaled('gte', 2_999_999, 10_000_000, 3_000)).toBe(false);
    const big = Number.MAX_SAFE_INTEGER;
    expect(compareScaled('gte', big, big, 10_000)).toBe(true);
    expect(compareScaled('gt', big, big, 10_000)).toBe(false);
    expect(compareScaled('lt', big - 1, big, 10_000)).toBe(true);
  });
});
