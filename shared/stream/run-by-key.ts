// Runs a batch as planned by `planBatch`: at most `concurrency` groups at once, each group's records
// one after another in stream order, a group stopping at its first failed record. No AWS, no clock:
// `apply` is the only effect, so the scheduling is tested on its own with fast-check.
import { groupOutcomes, type BatchPlan, type RecordOutcome } from './key-groups.js';

/** What became of a group run as a whole: every record applied, or the first that failed (a batch position). */
export type GroupResult = { failedAt?: undefined } | { failedAt: number; error: unknown };

/**
 * Runs each group as a whole (`applyGroup` gets its positions in stream order and names the first
 * that failed, if any): at most `concurrency` groups at once. Records after the failed one are held.
 */
export const runGroups = async (
  plan: BatchPlan,
  size: number,
  applyGroup: (group: readonly number[]) => Promise<GroupResult>,
): Promise<RecordOutcome[]> => {
  const outcomes: RecordOutcome[] = Array.from({ length: size }, () => ({ kind: 'applied' }));
  let next = 0;
  // a fixed number of lanes, each taking the next group when its last one is done
  const lane = async () => {
    while (next < plan.groups.length) {
      const group = plan.groups[next++]!;
      const result = await applyGroup(group);
      if (result.failedAt === undefined) continue;
      for (const [at, outcome] of groupOutcomes(group, result.failedAt, result.error)) outcomes[at] = outcome;
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.groups.length) }, lane));
  return outcomes;
};

/** Runs each group's records one at a time through `apply`, stopping a group at its first failure. */
export const runByKey = (
  plan: BatchPlan,
  size: number,
  apply: (position: number) => Promise<void>,
): Promise<RecordOutcome[]> =>
  runGroups(plan, size, async (group) => {
    for (const position of group) {
      try {
        await apply(position);
      } catch (error) {
        return { failedAt: position, error };
      }
    }
    return {};
  });
