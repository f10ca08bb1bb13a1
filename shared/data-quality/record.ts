// A customer's data-quality record (its score and gaps, from score.ts) and what a change of it does to
// the counters: the scopes it counts in (each org unit on its path, and its RM) and the deltas per
// scope from one state to the next. Pure; the store applies them.
import { contributionOf, scoreCustomer, type ScoredCustomer } from './score.js';
import type { DqRecord } from './ports.js';

export const scopesOf = (record: Pick<DqRecord, 'orgPath' | 'managerId'>): string[] => [
  ...record.orgPath
    .split('/')
    .filter(Boolean)
    .map((orgId) => `org#${orgId}`),
  `rm#${record.managerId}`,
];

export const dqRecordOf = (customer: ScoredCustomer): DqRecord => {
  const { score, gaps } = scoreCustomer(customer);
  return {
    customerId: customer.customerId,
    version: customer.version,
    name: customer.name,
    score,
    gaps,
    tier: customer.tier,
    managerId: customer.managerId,
    orgPath: customer.orgPath,
    updatedAt: customer.updatedAt,
  };
};

/** Counter deltas per scope for moving from `before` to `after` (either may be absent). */
export const deltasBetween = (before: DqRecord | undefined, after: DqRecord | undefined) => {
  const deltas = new Map<string, Record<string, number>>();
  const add = (record: DqRecord, sign: 1 | -1) => {
    const contribution = contributionOf(record);
    for (const scope of scopesOf(record)) {
      const d = deltas.get(scope) ?? {};
      for (const [k, v] of Object.entries(contribution)) d[k] = (d[k] ?? 0) + sign * v;
      deltas.set(scope, d);
    }
  };
  if (before && !before.removed) add(before, -1);
  if (after && !after.removed) add(after, 1);
  for (const [scope, d] of deltas) {
    for (const [k, v] of Object.entries(d)) if (v === 0) delete d[k];
    if (Object.keys(d).length === 0) deltas.delete(scope);
  }
  return deltas;
};
