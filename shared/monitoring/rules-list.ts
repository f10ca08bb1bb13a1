// The admin's list of rules in force, each with its hits over the last 30 days (from the kept
// per-rule daily counts, see rule-hits.ts).
import { businessDateOf, type Clock } from '#shared/clock.js';
import { hitsWindow, sumHits } from './rule-hits.js';
import { listRules } from './rules-admin.js';
import type { RuleHitStore, RuleStore } from './ports.js';

export const listRulesWithHits = async (deps: { rules: RuleStore; hits: RuleHitStore; clock: Clock }) => {
  const window = hitsWindow(businessDateOf(deps.clock.now()));
  const [list, cells] = await Promise.all([listRules(deps.rules), deps.hits.between(window.from, window.to)]);
  const hits = sumHits(cells, window.from, window.to);
  return {
    ...list,
    items: list.items.map((rule) => ({ ...rule, hits30d: hits.get(rule.ruleId) ?? 0 })),
    hitsWindow: window,
  };
};
