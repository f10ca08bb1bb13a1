// Trigger rules as an admin sees them: the rules in force (stored versions over the built-in
// defaults), one rule's versions, and a new version from a PUT. A PUT that changes nothing makes no
// version; one that races another PUT of the same rule is a conflict, never an overwrite.
import { Conflict, NotFound } from '#shared/errors.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { compileRule } from './compile.js';
import { DEFAULT_RULES } from './default-rules.js';
import {
  factCatalogue,
  parseStoredRule,
  PLACEHOLDERS,
  type TriggerRule,
  type TriggerRuleInput,
} from './rule.js';
import { rulesInForce } from './rule-set.js';
import type { RuleStore } from './rule-store.js';

const CONTENT = [
  'name',
  'description',
  'enabled',
  'severity',
  'when',
  'dedup',
  'alert',
  'serviceSms',
] as const;

/** JSON with object keys sorted: the same content compares equal however it was built or stored. */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

const contentOf = (rule: TriggerRuleInput) => Object.fromEntries(CONTENT.map((k) => [k, rule[k]]));

export const listRules = async (store: RuleStore) => {
  const [stored, revision] = await Promise.all([store.all(), store.revision()]);
  const { rules, problems } = rulesInForce(stored);
  return {
    items: rules,
    revision,
    ...(problems.length ? { skipped: problems } : {}),
    facts: factCatalogue(),
    placeholders: PLACEHOLDERS,
  };
};

export const getRule = async (store: RuleStore, ruleId: string) => {
  const stored = await store.versions(ruleId);
  const builtIn = DEFAULT_RULES.find((r) => r.ruleId === ruleId);
  if (stored.length === 0 && !builtIn) throw new NotFound(`Trigger rule ${ruleId}`);
  const { rules } = rulesInForce(stored, builtIn ? [builtIn] : []);
  const current = rules.find((r) => r.ruleId === ruleId);
  const versions = stored.map((item) => {
    const parsed = parseStoredRule(item);
    return parsed.ok
      ? parsed.rule
      : { ruleId, version: Number(item.version), invalid: true, problems: parsed.problems };
  });
  return { ...current, versions: builtIn ? [...versions, builtIn] : versions };
};

export const putRule = async (
  store: RuleStore,
  ctx: RequestContext,
  ruleId: string,
  input: TriggerRuleInput,
): Promise<{ created: boolean; changed: boolean; rule: TriggerRule }> => {
  const stored = await store.versions(ruleId);
  const builtIn = DEFAULT_RULES.find((r) => r.ruleId === ruleId);
  const current = rulesInForce(stored, builtIn ? [builtIn] : []).rules.find((r) => r.ruleId === ruleId);
  if (current && stableJson(contentOf(current)) === stableJson(contentOf(input))) {
    return { created: false, changed: false, rule: current };
  }
  const version = Math.max(0, ...stored.map((i) => Number(i.version))) + 1;
  const at = ctx.clock.now().toISOString();
  const rule: TriggerRule = { ...input, ruleId, version, updatedAt: at, updatedBy: ctx.caller.staffId };
  compileRule(rule); // validated already; compiling here keeps an unforeseen failure out of the store
  const audit = auditEntry(auditContext(ctx), `trigger-rule#${ruleId}`, 'trigger-rule.put', {
    changes: Object.fromEntries(
      CONTENT.filter((k) => stableJson(current?.[k]) !== stableJson(rule[k])).map((k) => [
        k,
        { before: current?.[k], after: rule[k] },
      ]),
    ),
    detail: { version, previousVersion: current?.version },
  });
  if (!(await store.add(rule, audit))) {
    throw new Conflict(
      `Trigger rule ${ruleId} was changed by someone else meanwhile; read it again and retry.`,
    );
  }
  return { created: !current, changed: true, rule };
};
