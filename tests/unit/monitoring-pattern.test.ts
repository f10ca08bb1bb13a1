// Trigger-rule patterns run on RE2 (linear time): they answer what a JavaScript RegExp answers on the
// patterns both engines read alike, a catastrophic pattern evaluates instead of hanging, and the
// rules of one transaction have a time budget, past which the record fails before any alert is raised.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Customer } from '#shared/customers/customer.js';
import type { TransactionRecord } from '#shared/transactions/transaction.js';
import { compileRule, compileRuleSet } from '#shared/monitoring/compile.js';
import { compilePattern } from '#shared/monitoring/pattern.js';
import { budgetedRuleSet, RuleBudgetExceeded } from '#shared/monitoring/rule-set.js';
import { TriggerRuleInput } from '#shared/monitoring/rule.js';
import type { Condition } from '#shared/monitoring/condition.js';
import type { Facts } from '#shared/monitoring/facts.js';
import { processTransaction } from '#shared/monitoring/process-transaction.js';
import { fixedRules } from '#shared/monitoring/memory.js';
import { monitoringWorld, triggerRule } from '../support/monitoring.js';

const rule = triggerRule;
const nameMatches = (value: string, ignoreCase = false): Condition => ({
  fact: 'counterpartyName',
  operator: 'matches',
  value,
  ignoreCase,
});
const withName = (counterpartyName: string) => ({ counterpartyName }) as unknown as Facts;

// Patterns both engines read alike: literals (ASCII and CJK), dot, classes, groups, alternation,
// greedy and lazy quantifiers, anchors. (Not \s \w \b: RE2's are ASCII, a RegExp's with `u` are not.)
const ALPHABET = ['a', 'b', 'A', 'B', '0', '7', '-', '.', ' ', '银', '行', '\n'];
const literal = fc.constantFrom('a', 'b', 'A', '0', '-', ' ', '银', '行', '\\.');
const atom = fc.oneof(
  { weight: 4, arbitrary: literal },
  fc.constantFrom('.', '[ab]', '[^a]', '[0-9]', '\\d', '[a-zA-Z]', '[银行]'),
);
const { pattern } = fc.letrec<{ pattern: string; piece: string }>((tie) => ({
  piece: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    atom,
    fc.tuple(tie('pattern'), fc.constantFrom('(', '(?:')).map(([p, open]) => `${open}${p})`),
    fc
      .tuple(tie('piece'), fc.constantFrom('*', '+', '?', '{1,3}', '{2}', '*?', '+?'))
      .map(([p, q]) => (/^[(?]|[*+?}]$/.test(p) ? `(?:${p})${q}` : `${p}${q}`)),
  ),
  pattern: fc
    .tuple(
      fc.boolean(),
      fc.array(fc.array(tie('piece'), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([start, alternatives, end]) => {
      const body = alternatives.map((pieces) => pieces.join('')).join('|');
      return `${start ? '^' : ''}${alternatives.length > 1 && (start || end) ? `(?:${body})` : body}${end ? '$' : ''}`;
    }),
}));
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((cs) => cs.join(''));

describe('rule patterns on RE2', () => {
  it('match exactly when a JavaScript RegExp matches, for random safe patterns and texts', () => {
    const answers = { true: 0, false: 0 };
    fc.assert(
      fc.property(
        pattern,
        fc.boolean(),
        fc.array(text, { minLength: 1, maxLength: 6 }),
        (p, ignoreCase, texts) => {
          const reference = new RegExp(p, ignoreCase ? 'iu' : 'u');
          const compiled = compileRule(rule('r', nameMatches(p, ignoreCase)));
          for (const t of texts) {
            const expected = reference.test(t);
            expect(compiled.test(withName(t)), `${p} on ${JSON.stringify(t)}`).toBe(expected);
            answers[`${expected}`] += 1;
          }
        },
      ),
      { numRuns: 1500 },
    );
    // not a vacuous agreement: both answers come up often
    expect(Math.min(answers.true, answers.false)).toBeGreaterThan(500);
  });

  it('evaluate a catastrophic pattern on a crafted name, and answer right', () => {
    const input = {
      name: 'evil',
      severity: 'low',
      when: nameMatches('((a+))+$'),
      dedup: { windowDays: 1 },
      alert: { title: 'x', slaHours: 1 },
    };
    expect(TriggerRuleInput.safeParse(input).success).toBe(true);
    const compiled = compileRule(rule('evil', nameMatches('((a+))+$')));
    expect(compiled.test(withName(`${'a'.repeat(50_000)}!`))).toBe(false);
    expect(compiled.test(withName('a'.repeat(50_000)))).toBe(true);
    expect(compilePattern('(x+x+)+y').test(`${'x'.repeat(50_000)}`)).toBe(false);
  });

  it('cannot be what RE2 does not run: back references and lookaround do not compile', () => {
    for (const p of ['(a)\\1', '(?=a)', '(?!a)b', '(?<=a)b']) expect(() => compilePattern(p)).toThrow();
  });
});

describe('the time budget of one transaction’s rules', () => {
  const rules = ['r-1', 'r-2', 'r-3'].map((id) => rule(id, nameMatches('银行')));
  /** A stopwatch that moves `step` ms each time it is read. */
  const ticking = (step: number) => {
    let at = 0;
    return () => (at += step);
  };

  it('under budget, answers what the rule set answers', async () => {
    const source = fixedRules(rules);
    const budgeted = await budgetedRuleSet(source, { budgetMs: 50, stopwatch: ticking(1) }).current();
    const facts = withName('招商银行');
    expect(budgeted.evaluate(facts).map((c) => c.rule.ruleId)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(budgeted.evaluate(withName('张三'))).toEqual([]);
    expect(budgeted.needs).toEqual(compileRuleSet(rules).set.needs);
  });

  it('past the budget, stops and fails naming the rule it stopped after', async () => {
    const budgeted = await budgetedRuleSet(fixedRules(rules), {
      budgetMs: 50,
      stopwatch: ticking(20), // start 20; after r-1 40 (20 ms), after r-2 60 (40 ms), after r-3 80 (60 ms)
    }).current();
    let error: unknown;
    try {
      budgeted.evaluate(withName('招商银行'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleBudgetExceeded);
    expect(error).toMatchObject({ lastRuleId: 'r-3', elapsedMs: 60, budgetMs: 50 });
  });

  it('fails the record before any alert, and a replay raises what was held back', async () => {
    const customer = {
      customerId: 'C1',
      name: 'C1',
      orgId: 'BJ-CY-WJ',
      orgPath: '/HO/BJ/BJ-CY/BJ-CY-WJ/',
      branchId: 'BJ',
      scopeKey: '/HO/BJ/BJ-CY/BJ-CY-WJ/C1',
      managerId: 'rm-1',
      tier: 'gold',
      smsConsent: true,
      tags: [],
      createdAt: '2020-01-01T00:00:00.000Z',
      updatedAt: '2020-01-01T00:00:00.000Z',
      version: 1,
    } as Customer;
    const txn: TransactionRecord = {
      transactionId: 'T1',
      customerId: 'C1',
      accountId: 'A1',
      assetClass: 'deposit',
      amountFen: -100,
      direction: 'out',
      channel: 'mobile',
      counterpartyBank: '招商银行',
      counterpartyName: '招商银行',
      bookedAt: '2026-11-30T02:00:00.000Z',
      businessDate: '2026-11-30',
      receivedAt: '2026-11-30T02:00:00.000Z',
      bookedKey: '2026-11-30T02:00:00.000Z#T1',
    };
    const world = monitoringWorld({ customers: [customer], thresholds: [], now: '2026-11-30T03:00:00.000Z' });
    const { state, alerts } = world;
    const deps = (step: number) => ({
      ...world.deps,
      rules: budgetedRuleSet(fixedRules(rules), { budgetMs: 50, stopwatch: ticking(step) }),
    });
    await expect(processTransaction(deps(40), txn)).rejects.toBeInstanceOf(RuleBudgetExceeded);
    expect(alerts.alerts.size).toBe(0);
    expect(state.applied.size).toBe(1); // the state is applied once, whatever happens after
    // the redrive (from the dead-letter queue, once the rules are fixed) raises the alerts
    const replay = await processTransaction(deps(1), txn);
    expect(replay.state).toBe('duplicate');
    expect(replay.alerts.map((a) => [a.ruleId, a.outcome])).toEqual([
      ['r-1', 'raised'],
      ['r-2', 'raised'],
      ['r-3', 'raised'],
    ]);
  });
});
