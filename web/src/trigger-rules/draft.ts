// A rule's draft as the editor keeps it (the PUT body), and the edits on its condition tree. Pure.
import type { Condition, Predicate, RuleDraft, RuleItem } from './types';

export const draftOf = (rule: RuleItem): RuleDraft => ({
  name: rule.name,
  ...(rule.description ? { description: rule.description } : {}),
  enabled: rule.enabled,
  severity: rule.severity,
  when: rule.when as Condition,
  dedup: rule.dedup,
  alert: rule.alert,
  ...(rule.serviceSms ? { serviceSms: rule.serviceSms } : {}),
});

/** A path in the tree: `['all', 1, 'any', 0]`. */
export type TreePath = (string | number)[];

export const childrenOf = (c: Condition): [TreePath, Condition][] => {
  if ('all' in c) return c.all.map((x, i) => [['all', i], x]);
  if ('any' in c) return c.any.map((x, i) => [['any', i], x]);
  if ('not' in c) return [[['not'], c.not]];
  return [];
};

/** The tree with the predicate at `path` replaced. */
export const replaceAt = (root: Condition, path: TreePath, next: Predicate): Condition => {
  if (path.length === 0) return next;
  const [key, index, ...rest] = path;
  if (key === 'not') return { not: replaceAt((root as { not: Condition }).not, path.slice(1), next) };
  const list = (root as Record<string, Condition[]>)[key as string]!;
  const i = index as number;
  return { [key as string]: list.map((c, j) => (j === i ? replaceAt(c, rest, next) : c)) } as Condition;
};

export const isPredicate = (c: Condition): c is Predicate => 'fact' in c;

/** The shape a value takes under an operator: a list, a yes/no, a pattern, or one value. */
export const valueShape = (operator: string): 'list' | 'flag' | 'pattern' | 'one' =>
  operator === 'in' || operator === 'notIn'
    ? 'list'
    : operator === 'exists'
      ? 'flag'
      : operator === 'matches'
        ? 'pattern'
        : 'one';
