// Trigger rules as an admin sees them: the rules in force (stored versions over the built-in
// defaults), one rule's versions, and changes under maker-checker (shared/maker-checker): a PUT
// proposes a new version, another admin approves it (stored, in force for the next transaction) or
// rejects it. A PUT that changes nothing proposes nothing; an approval whose base version is no
// longer the latest is a conflict, never an overwrite.
import { Conflict, NotFound } from '#shared/errors.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { changeToDecide, decided, rejectChange, settle, staleChange } from '#shared/maker-checker/change.js';
import type { Change, ChangeStatus } from '#shared/maker-checker/ports.js';
import { compileRule } from './compile.js';
import { DEFAULT_RULES } from './default-rules.js';
import { factCatalogue } from './condition.js';
import { parseStoredRule, PLACEHOLDERS, TriggerRuleInput, type TriggerRule } from './rule.js';
import { rulesInForce } from './rule-set.js';
import { stableJson } from './stable-json.js';
import type { RuleChanges, RuleStore } from './ports.js';
import { RULE_CONTENT_FIELDS } from './rule-content.js';

const WHAT = 'Trigger rule';

const CONTENT = RULE_CONTENT_FIELDS;

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

/** The rule in force (stored or built in) and the latest stored version number (0: none). */
const currentRule = async (store: RuleStore, ruleId: string) => {
  const stored = await store.versions(ruleId);
  const builtIn = DEFAULT_RULES.find((r) => r.ruleId === ruleId);
  const current = rulesInForce(stored, builtIn ? [builtIn] : []).rules.find((r) => r.ruleId === ruleId);
  return { current, latest: Math.max(0, ...stored.map((i) => Number(i.version))) };
};

const differences = (before: TriggerRuleInput | undefined, after: TriggerRuleInput) =>
  Object.fromEntries(
    CONTENT.filter((k) => stableJson(before?.[k]) !== stableJson(after[k])).map((k) => [
      k,
      { before: before?.[k], after: after[k] },
    ]),
  );

/**
 * A PUT: the new content proposed as a change on the latest stored version, the rules in force
 * untouched; the same content as in force proposes nothing and answers the rule.
 */
export const proposeRule = async (
  store: RuleStore,
  changes: RuleChanges,
  ctx: RequestContext,
  ruleId: string,
  input: TriggerRuleInput,
): Promise<{ unchanged: TriggerRule } | { change: Change }> => {
  const { current, latest } = await currentRule(store, ruleId);
  if (current && stableJson(contentOf(current)) === stableJson(contentOf(input))) {
    return { unchanged: current };
  }
  const audit = auditContext(ctx);
  // validated already; compiling here keeps an unforeseen failure out of the store
  compileRule({ ...input, ruleId, version: latest + 1, updatedAt: audit.at, updatedBy: ctx.caller.staffId });
  const change = await changes.propose(
    {
      subject: ruleId,
      baseVersion: latest,
      proposal: input,
      status: 'pending',
      proposedBy: ctx.caller.staffId,
      proposedAt: audit.at,
    },
    (changeId) =>
      auditEntry(audit, `trigger-rule-change#${changeId}`, 'trigger-rule.propose', {
        changes: differences(current, input),
        detail: { ruleId, baseVersion: latest, versionInForce: current?.version },
      }),
  );
  return { change };
};

/** Another admin's approval: the proposal becomes the rule's next version, in force for the next transaction. */
export const approveRule = async (
  store: RuleStore,
  changes: RuleChanges,
  ctx: RequestContext,
  changeId: number,
): Promise<{ created: boolean; rule: TriggerRule }> => {
  const change = await changeToDecide(changes, ctx, WHAT, changeId);
  const ruleId = change.subject;
  const { current, latest } = await currentRule(store, ruleId);
  if (latest !== change.baseVersion) throw staleChange(WHAT, change, latest);
  const input = TriggerRuleInput.safeParse(change.proposal);
  if (!input.success) {
    throw new Conflict(
      `${WHAT} change ${changeId} is no longer a valid rule; reject it and propose anew.`,
      input.error.issues.map((i) => ({ path: ['proposal', ...i.path].join('.'), message: i.message })),
    );
  }
  const version = latest + 1;
  const audit = auditContext(ctx);
  const rule: TriggerRule = {
    ...input.data,
    ruleId,
    version,
    updatedAt: audit.at,
    updatedBy: change.proposedBy,
  };
  compileRule(rule);
  const approved = decided(change, ctx, { status: 'approved', appliedVersion: version });
  const entry = auditEntry(audit, `trigger-rule#${ruleId}`, 'trigger-rule.approve', {
    changes: differences(current, rule),
    detail: { version, previousVersion: current?.version, changeId, proposedBy: change.proposedBy },
  });
  settle(WHAT, change, await changes.approve(rule, approved, entry));
  return { created: !current, rule };
};

export const rejectRule = (
  changes: RuleChanges,
  ctx: RequestContext,
  changeId: number,
  reason: string,
): Promise<Change> =>
  rejectChange(changes, ctx, WHAT, changeId, reason, (rejected) =>
    auditEntry(auditContext(ctx), `trigger-rule-change#${changeId}`, 'trigger-rule.reject', {
      detail: { ruleId: rejected.subject, reason, proposedBy: rejected.proposedBy },
    }),
  );

export const listRuleChanges = async (changes: RuleChanges, status: ChangeStatus) => ({
  items: await changes.list(status),
});
