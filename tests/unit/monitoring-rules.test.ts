// Trigger rules as data: the schema (the PUT contract) accepts the built-in rules and refuses bad
// ones with the path of every mistake: unknown fields, wrong types, bad regular expressions, bad windows.
import { describe, expect, it } from 'vitest';
import { TriggerRuleInput } from '#shared/monitoring/rule.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import { compileRule } from '#shared/monitoring/compile.js';
import { rulesInForce } from '#shared/monitoring/rule-set.js';

const valid = {
  name: '测试规则',
  severity: 'high',
  when: { fact: 'absAmountFen', operator: 'gte', value: 100 },
  dedup: { windowDays: 1 },
  alert: { title: '大额 {absAmountYuan}', slaHours: 4 },
};

const problems = (input: unknown) => {
  const result = TriggerRuleInput.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};
const paths = (input: unknown) => problems(input).map((p) => p.path);

describe('the rule schema', () => {
  it('accepts every built-in rule, which compiles', () => {
    for (const rule of DEFAULT_RULES) {
      const { ruleId: _id, version: _v, updatedAt: _a, updatedBy: _b, ...input } = rule;
      expect(problems(input), rule.ruleId).toEqual([]);
      expect(() => compileRule(rule)).not.toThrow();
    }
  });

  it('fills defaults: enabled, escalate', () => {
    const parsed = TriggerRuleInput.parse(valid);
    expect(parsed.enabled).toBe(true);
    expect(parsed.alert.escalate).toBe(true);
  });

  it('refuses unknown fields, at the rule, the alert and inside a predicate', () => {
    expect(paths({ ...valid, colour: 'red' })).toEqual(['']);
    expect(problems({ ...valid, colour: 'red' })[0]!.message).toMatch(/colour/);
    expect(paths({ ...valid, alert: { ...valid.alert, pager: true } })).toEqual(['alert']);
    expect(
      paths({ ...valid, when: { all: [{ fact: 'absAmountFen', operator: 'gte', value: 1, unit: 'yuan' }] } }),
    ).toEqual(['when.all.0']);
    expect(paths({ ...valid, when: { all: [valid.when], also: [] } })).toEqual(['when']);
  });

  it('refuses an unknown fact, an operator the fact does not take, and a value of the wrong type', () => {
    expect(paths({ ...valid, when: { fact: 'balance', operator: 'gte', value: 1 } })).toEqual(['when.fact']);
    expect(paths({ ...valid, when: { fact: 'direction', operator: 'gte', value: 'in' } })).toEqual([
      'when.operator',
    ]);
    expect(paths({ ...valid, when: { fact: 'absAmountFen', operator: 'gte', value: '500000' } })).toEqual([
      'when.value',
    ]);
    expect(paths({ ...valid, when: { fact: 'absAmountFen', operator: 'gte', value: 1.5 } })).toEqual([
      'when.value',
    ]);
    expect(paths({ ...valid, when: { fact: 'channel', operator: 'in', value: ['counter', 'fax'] } })).toEqual(
      ['when.value.1'],
    );
    expect(paths({ ...valid, when: { fact: 'otherBank', operator: 'eq', value: 'yes' } })).toEqual([
      'when.value',
    ]);
    expect(paths({ ...valid, severity: 'urgent', alert: { ...valid.alert, slaHours: '4' } }).sort()).toEqual([
      'alert.slaHours',
      'severity',
    ]);
  });

  it('reports every mistake of a nested condition at its own path', () => {
    const when = {
      all: [
        { fact: 'direction', operator: 'eq', value: 'sideways' },
        {
          any: [{ fact: 'absAmountFen', operator: 'gte', value: { fact: 'aumFen', times: -1 } }, { not: 42 }],
        },
      ],
    };
    expect(paths({ ...valid, when })).toEqual([
      'when.all.0.value',
      'when.all.1.any.0.value.times',
      'when.all.1.any.1.not',
    ]);
  });

  it('refuses an invalid regular expression, and what RE2 cannot run in linear time', () => {
    const bad = problems({
      ...valid,
      when: { fact: 'counterpartyName', operator: 'matches', value: '(unclosed' },
    });
    expect(bad).toEqual([
      {
        path: 'when.value',
        message: expect.stringMatching(/not a regular expression the rule engine accepts/),
      },
    ]);
    // back references and lookaround need backtracking: refused, at their own path
    const at = (value: string) => ({
      ...valid,
      when: { all: [valid.when, { fact: 'counterpartyName', operator: 'matches', value }] },
    });
    expect(paths(at('(a)\\1'))).toEqual(['when.all.1.value']);
    expect(paths(at('(?=银行)'))).toEqual(['when.all.1.value']);
    expect(paths(at('(?<!招)商'))).toEqual(['when.all.1.value']);
    // nested quantifiers are harmless to a linear-time engine: accepted
    expect(paths(at('((a+))+$'))).toEqual([]);
    expect(paths(at('工资|代发'))).toEqual([]);
    expect(paths(at('x'.repeat(201)))).toEqual(['when.all.1.value']);
  });

  it('refuses bad windows: rolling, payer ranges and dedup', () => {
    const window = (windowDays: unknown) => ({
      ...valid,
      when: { fact: 'outflowFen', windowDays, operator: 'gte', value: 1 },
    });
    expect(paths(window(0))).toEqual(['when.windowDays']);
    expect(paths(window(32))).toEqual(['when.windowDays']);
    expect(paths(window(2.5))).toEqual(['when.windowDays']);
    expect(paths(window(undefined))).toEqual(['when.windowDays']);
    expect(paths(window(7))).toEqual([]);
    expect(
      paths({
        ...valid,
        when: { fact: 'payerInflowCount', fromDays: 35, toDays: 25, operator: 'gte', value: 1 },
      }),
    ).toEqual(['when.toDays']);
    expect(
      paths({
        ...valid,
        when: { fact: 'payerInflowCount', fromDays: 0, toDays: 25, operator: 'gte', value: 1 },
      }),
    ).toEqual(['when.fromDays']);
    expect(paths({ ...valid, dedup: { windowDays: 0 } })).toEqual(['dedup.windowDays']);
    expect(paths({ ...valid, dedup: { windowDays: 400 } })).toEqual(['dedup.windowDays']);
  });

  it('refuses placeholders a title cannot fill, and over-deep conditions', () => {
    expect(problems({ ...valid, alert: { ...valid.alert, title: '客户 {customerPhone}' } })).toEqual([
      { path: 'alert.title', message: expect.stringMatching(/\{customerPhone\} is not a placeholder/) },
    ]);
    let deep: unknown = valid.when;
    for (let i = 0; i < 10; i++) deep = { not: deep };
    expect(problems({ ...valid, when: deep })[0]!.message).toMatch(/deeper than/);
  });
});

describe('the rules in force', () => {
  const stored = (version: number, extra: Record<string, unknown> = {}) => ({
    ...valid,
    enabled: true,
    alert: { ...valid.alert, escalate: true },
    ruleId: 'large-transaction',
    version,
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'admin',
    ...extra,
  });

  it('take the newest stored version over the default, and skip a version that no longer parses', () => {
    const { rules, problems: skipped } = rulesInForce([
      stored(1),
      stored(2, { name: 'v2' }),
      stored(3, { when: { fact: 'counterpartyName', operator: 'matches', value: '(' } }),
    ]);
    const rule = rules.find((r) => r.ruleId === 'large-transaction')!;
    expect(rule.version).toBe(2);
    expect(rule.name).toBe('v2');
    expect(skipped).toEqual([
      { ruleId: 'large-transaction', version: 3, problem: expect.stringMatching(/when.value/) },
    ]);
    expect(rules.map((r) => r.ruleId)).toEqual(DEFAULT_RULES.map((r) => r.ruleId).sort());
  });

  it('keep the default when every stored version is bad', () => {
    const { rules } = rulesInForce([stored(1, { severity: 'urgent' })]);
    expect(rules.find((r) => r.ruleId === 'large-transaction')!.version).toBe(0);
  });
});
