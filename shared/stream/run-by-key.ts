// Runs a batch as planned by `planBatch`: at most `concurrency` groups at once, each group's records
// one after another in stream order, a group stopping at its first failed record. No AWS, no clock:
// `apply` is the only effect, so the scheduling is tested on its own with fast-check.
import { groupOutcomes, type BatchPlan, type RecordOutcome } from './key-groups.js';

export const runByKey = async (
  plan: BatchPlan,
  size: number,
  apply: (position: number) => Promise<void>,
): Promise<RecordOutcome[]> => {
  const outcomes: RecordOutcome[] = Array.from({ length: size }, () => ({ kind: 'applied' }));
  let next = 0;
  const runGroup = async (group: readonly number[]) => {
    for (const position of group) {
      try {
        await apply(position);
      } catch (error) {
        for (const [at, outcome] of groupOutcomes(group, position, error)) outcomes[at] = outcome;
        return;
      }
    }
  };
  // a fixed number of lanes, each taking the next group when its last one is done
  const lane = async () => {
    while (next < plan.groups.length) await runGroup(plan.groups[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.groups.length) }, lane));
  return outcomes;
};
