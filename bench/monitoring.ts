// Issue 4's figures: rule evaluation per transaction with the built-in rules (ns/op), compiled,
// against json-rules-engine running the same rules with the same semantics (ratio). The monitoring
// pipeline end to end (POST → stream → rules → alert) is measured with the others in pipelines.ts.
import { compileRuleSet, compareScaled, scaledTimes } from '#shared/monitoring/compile.js';
import { DEFAULT_RULES } from '#shared/monitoring/default-rules.js';
import { computeFacts, payerWindowKey, type Facts } from '#shared/monitoring/facts.js';
import { addDays } from '#shared/monitoring/days.js';
import {
  isAll,
  isAny,
  isNot,
  type Condition,
  type NumberRef,
  type Predicate,
} from '#shared/monitoring/condition.js';
import { TIERS } from '#shared/customers/customer.js';
import { fmt, line } from './support.js';

/** The version the comparison is written against: `npm i -D json-rules-engine@7.3.1`. */
export const JSON_RULES_ENGINE = 'json-rules-engine';

// A small deterministic PRNG (mulberry32): the same facts every run.
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export const samplesOfFacts = (count: number): Facts[] => {
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const { set } = compileRuleSet(DEFAULT_RULES);
  return Array.from({ length: count }, (_, i) => {
    const amount = Math.round(10 ** (2 + random() * 6.5));
    const out = random() < 0.5;
    const txn = {
      amountFen: out ? -amount : amount,
      direction: out ? ('out' as const) : ('in' as const),
      assetClass: pick(['deposit', 'deposit', 'deposit', 'time_deposit', 'wealth', 'fund'] as const),
      channel: pick(['mobile', 'mobile', 'online', 'counter', 'atm', 'pos', 'batch'] as const),
      category: pick([undefined, undefined, 'salary', 'consumption', 'transfer', 'maturity'] as const),
      counterpartyBank: pick([undefined, undefined, '本行', '招商银行', '工商银行']),
      counterpartyName: pick([undefined, '北京某科技有限公司', '张三', '某某商户']),
      accountId: `62220200${i}`,
      businessDate: '2026-11-20',
    };
    return computeFacts({
      txn,
      customerTier: pick(TIERS),
      ownBanks: new Set(['本行']),
      needs: set.needs,
      history: {
        days: [{ businessDate: '2026-11-18', outFen: Math.round(random() * 2e7), inFen: 0 }],
        ...(random() < 0.9 ? { lastActiveDayBefore: addDays('2026-11-20', -Math.ceil(random() * 300)) } : {}),
        payerInflows: { [payerWindowKey(25, 35)]: random() < 0.3 ? 1 : 0 },
      },
      aum: { previousCloseFen: Math.round(random() * 1e8), monthStartFen: Math.round(random() * 1e8) },
      thresholds: [
        { tier: 'standard', minFen: 0 },
        { tier: 'gold', minFen: 5_000_000 },
        { tier: 'platinum', minFen: 50_000_000 },
      ],
    });
  });
};

// ---------------------------------------------------------------------------------------------------
// The same rules for json-rules-engine: facts flattened (`outflowFen:7d`), and our operators, so a
// missing fact, a scaled reference and tier ranks mean what they mean in our compiler.

const labelOf = (p: Pick<Predicate, 'fact' | 'windowDays' | 'fromDays' | 'toDays'>) =>
  p.windowDays !== undefined
    ? `${p.fact}:${p.windowDays}d`
    : p.fromDays !== undefined
      ? `${p.fact}:${payerWindowKey(p.fromDays, p.toDays!)}d`
      : p.fact;

export const flatten = (f: Facts): Record<string, unknown> => {
  const flat: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(f)) {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, number>)) flat[`${name}:${k}d`] = v;
    } else flat[name] = value;
  }
  return flat;
};

const TIER_FACTS = new Set(['customerTier', 'crossedTier']);
const rank = (t: unknown) => TIERS.indexOf(t as (typeof TIERS)[number]);

interface JreEngine {
  addOperator(name: string, fn: (fact: unknown, value: unknown) => boolean): void;
  addRule(rule: unknown): void;
  run(facts: Record<string, unknown>): Promise<{ events: { type: string }[] }>;
}

export const jreEngine = (Engine: new (rules?: unknown[], options?: unknown) => JreEngine): JreEngine => {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const defined = (v: unknown) => v !== undefined && v !== null;
  const cmp: Record<string, (a: never, b: never) => boolean> = {
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    gt: (a, b) => a > b,
    gte: (a, b) => a >= b,
    lt: (a, b) => a < b,
    lte: (a, b) => a <= b,
  };
  const patterns = new Map<string, RegExp>();
  for (const [name, fn] of Object.entries(cmp)) {
    engine.addOperator(`x-${name}`, (a, b) => defined(a) && fn(a as never, b as never));
    engine.addOperator(`x-tier-${name}`, (a, b) => defined(a) && fn(rank(a) as never, rank(b) as never));
  }
  engine.addOperator('x-in', (a, b) => defined(a) && (b as unknown[]).includes(a));
  engine.addOperator('x-notIn', (a, b) => defined(a) && !(b as unknown[]).includes(a));
  engine.addOperator('x-exists', (a, b) => defined(a) === b);
  engine.addOperator('x-matches', (a, b) => {
    if (typeof a !== 'string') return false;
    let re = patterns.get(b as string);
    if (!re) patterns.set(b as string, (re = new RegExp(b as string, 'u')));
    return re.test(a);
  });
  const scaled = new Set<string>();
  const translate = (c: Condition): unknown => {
    if (isAll(c)) return { all: c.all.map(translate) };
    if (isAny(c)) return { any: c.any.map(translate) };
    if (isNot(c)) return { not: translate(c.not) };
    const fact = labelOf(c);
    if (typeof c.value === 'object' && !Array.isArray(c.value)) {
      const ref = c.value as NumberRef;
      const name = `x-${c.operator}-times-${scaledTimes(ref.times)}`;
      if (!scaled.has(name)) {
        scaled.add(name);
        const times = scaledTimes(ref.times);
        const op = c.operator as 'gte';
        engine.addOperator(
          name,
          (a, b) =>
            defined(a) &&
            defined(b) &&
            (b as number) > 0 &&
            compareScaled(op, a as number, b as number, times),
        );
      }
      return { fact, operator: name, value: { fact: ref.fact } };
    }
    const tier = TIER_FACTS.has(c.fact) && !['in', 'notIn', 'exists'].includes(c.operator);
    return { fact, operator: tier ? `x-tier-${c.operator}` : `x-${c.operator}`, value: c.value };
  };
  for (const rule of DEFAULT_RULES) {
    const conditions = translate(rule.when) as Record<string, unknown>;
    // json-rules-engine wants all / any / not at the top
    engine.addRule({
      name: rule.ruleId,
      conditions:
        'all' in conditions || 'any' in conditions || 'not' in conditions
          ? conditions
          : { all: [conditions] },
      event: { type: rule.ruleId },
    });
  }
  return engine;
};

const nsPerOp = (ms: number, ops: number) => (ms * 1e6) / ops;

const evaluationBench = async () => {
  const facts = samplesOfFacts(10_000);
  const started = performance.now();
  const { set } = compileRuleSet(DEFAULT_RULES);
  const compileMs = performance.now() - started;
  line(
    `compile the ${set.rules.length} built-in rules (once per rule-set revision)`,
    `${fmt(compileMs, 2)} ms`,
  );

  let hits = 0;
  for (let i = 0; i < 200_000; i++) hits += set.evaluate(facts[i % facts.length]!).length; // warm up
  const ROUNDS = 2_000_000;
  let t0 = performance.now();
  hits = 0;
  for (let i = 0; i < ROUNDS; i++) hits += set.evaluate(facts[i % facts.length]!).length;
  const compiled = nsPerOp(performance.now() - t0, ROUNDS);
  line(
    'compiled rules, per transaction (8 rules, facts gathered)',
    `${fmt(compiled, 1)} ns/op (${fmt(hits / ROUNDS, 3)} hits/txn)`,
  );

  let Engine: (new (rules?: unknown[], options?: unknown) => JreEngine) | undefined;
  try {
    const name = JSON_RULES_ENGINE;
    // CommonJS: the class is a named export, or a property of the default one
    const module = (await import(name)) as { Engine?: typeof Engine; default?: { Engine?: typeof Engine } };
    Engine = module.Engine ?? module.default?.Engine;
    if (!Engine) throw new Error('no Engine export');
  } catch {
    line('json-rules-engine, same rules and semantics', 'not installed: npm i -D json-rules-engine@7.3.1');
    return;
  }
  const engine = jreEngine(Engine!);
  const flat = facts.map(flatten);
  let agree = 0;
  for (let i = 0; i < flat.length; i++) {
    const theirs = (await engine.run(flat[i]!)).events.map((e) => e.type).sort();
    const ours = set
      .evaluate(facts[i]!)
      .map((r) => r.rule.ruleId)
      .sort();
    if (theirs.join() === ours.join()) agree++;
  }
  const RUNS = 50_000;
  t0 = performance.now();
  for (let i = 0; i < RUNS; i++) await engine.run(flat[i % flat.length]!);
  const jre = nsPerOp(performance.now() - t0, RUNS);
  line(
    'json-rules-engine, same rules and semantics',
    `${fmt(jre, 0)} ns/op (same hits on ${fmt(agree)}/${fmt(flat.length)})`,
  );
  line('  ratio json-rules-engine ÷ compiled', `${fmt(jre / compiled, 0)}×`);
};

/** Rule evaluation alone (the monitoring pipeline end to end is in pipelines.ts). */
export const runRulesBench = evaluationBench;
