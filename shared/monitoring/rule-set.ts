// The rules in force: for each ruleId the newest stored version that parses and compiles, else the
// built-in default. A stored version that no longer parses (written around the API, or by an older
// schema) is skipped in favour of the one before it, and logged; a failure to read the store keeps
// the set compiled last. Nothing a rule update does can stop the stream handler.
import { logger } from '#shared/logging/logger.js';
import { versionedCache } from '#shared/cache/versioned-cache.js';
import {
  compileRule,
  compileRuleSet,
  type CompiledRule,
  type CompiledRuleSet,
  type RuleProblem,
} from './compile.js';
import { DEFAULT_RULES } from './default-rules.js';
import { parseStoredRule, type TriggerRule } from './rule.js';
import type { RuleSetSource, RuleStore } from './ports.js';

/** The newest good version of each rule, defaults for the rest, and what was skipped and why. */
export const rulesInForce = (
  stored: readonly Record<string, unknown>[],
  defaults: readonly TriggerRule[] = DEFAULT_RULES,
): { rules: TriggerRule[]; problems: RuleProblem[] } => {
  const byRule = new Map<string, Record<string, unknown>[]>();
  for (const item of stored) {
    const id = String(item.ruleId);
    byRule.set(id, [...(byRule.get(id) ?? []), item]);
  }
  const problems: RuleProblem[] = [];
  const rules = new Map(defaults.map((r) => [r.ruleId, r]));
  for (const [ruleId, versions] of byRule) {
    versions.sort((a, b) => Number(b.version) - Number(a.version));
    for (const item of versions) {
      const parsed = parseStoredRule(item);
      if (!parsed.ok) {
        problems.push({ ruleId, version: Number(item.version), problem: parsed.problems.join('; ') });
        continue;
      }
      try {
        compileRule(parsed.rule);
      } catch (error) {
        problems.push({ ruleId, version: parsed.rule.version, problem: (error as Error).message });
        continue;
      }
      rules.set(ruleId, parsed.rule);
      break;
    }
  }
  return { rules: [...rules.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1)), problems };
};

/**
 * The compiled set for a stream handler: re-read when the store's revision moves (checked at most
 * every `checkEveryMs`), compiled once per revision, and kept as it was when anything fails — on the
 * one reference-data cache (shared/cache/versioned-cache.ts).
 */
export const cachedRuleSet = (
  store: Pick<RuleStore, 'all' | 'revision'>,
  options: { checkEveryMs?: number; now?: () => number } = {},
): RuleSetSource & { revision(): number | undefined } => {
  const checkEveryMs = options.checkEveryMs ?? Number(process.env.OCRM_TRIGGER_RULES_CHECK_MS ?? 1000);
  const cache = versionedCache<CompiledRuleSet>(
    {
      version: () => store.revision(),
      load: async () => {
        // the revision first: the rules read after it are at least that new
        const revision = await store.revision();
        const { rules, problems } = rulesInForce(await store.all());
        for (const problem of problems) logger.error('trigger rule version skipped', { ...problem });
        return { version: revision, value: compileRuleSet(rules).set };
      },
    },
    {
      ttlMs: () => checkEveryMs,
      now: options.now ?? Date.now,
      onStale: (error) =>
        logger.error('trigger rules could not be reloaded; the last good set stays', {
          error: error as Error,
        }),
    },
  );
  return { revision: () => cache.version(), current: () => cache.get() };
};

/** Milliseconds from a monotonic clock (performance.now in Lambda; a counter in tests). */
export type Stopwatch = () => number;

/** Evaluating the rules for one transaction took longer than the budget: the record fails. */
export class RuleBudgetExceeded extends Error {
  override name = 'RuleBudgetExceeded';
  constructor(
    readonly elapsedMs: number,
    readonly budgetMs: number,
    readonly lastRuleId: string,
  ) {
    super(
      `evaluating trigger rules took ${Math.round(elapsedMs)} ms (budget ${budgetMs} ms), ` +
        `stopped after rule ${lastRuleId}; no alert was raised for this transaction`,
    );
  }
}

/**
 * A time budget per record for the rules of one transaction. The rules run one by one and the
 * stopwatch is read after each; past the budget, evaluation stops with RuleBudgetExceeded, before
 * any alert is raised. What then happens, so that nothing is lost and the shard moves on:
 *  - the transaction's monitoring state was already applied, exactly once (its claim marker);
 *  - the stream record is reported failed (partial batch response) and retried by the event source
 *    mapping (bounded retries, bisected so the rest of the batch goes through), then sent to the
 *    dead-letter queue, which keeps its shard position; the shard goes on with the next record;
 *  - a redrive after the rule set is fixed replays it: the claim makes the state a duplicate and the
 *    rules run again, so the alerts it should raise are raised then (one per rule × window).
 * A single rule cannot run away on its own: its patterns are RE2's, linear in the text, and its
 * other tests are comparisons; the budget is the guard for whatever was not foreseen.
 */
export const budgetedRuleSet = (
  source: RuleSetSource,
  options: { budgetMs: number; stopwatch: Stopwatch },
): RuleSetSource => ({
  async current() {
    const set = await source.current();
    const { budgetMs, stopwatch } = options;
    return {
      ...set,
      evaluate(facts) {
        const started = stopwatch();
        const hits: CompiledRule[] = [];
        for (const rule of set.rules) {
          if (rule.test(facts)) hits.push(rule);
          const elapsed = stopwatch() - started;
          if (elapsed > budgetMs) throw new RuleBudgetExceeded(elapsed, budgetMs, rule.rule.ruleId);
        }
        return hits;
      },
    };
  },
});
