// A segment task: "close segment n of pass p of this month", one item in `tier-month-close-tasks`
// whose stream invokes the segment worker once per task. Each task has its own key, so in AWS the
// tasks are independent records (not one item's ordered changes) and a task is never rewritten.
import type { Month } from './calendar.js';
import { closeSegment, type MonthCloseDeps, type SegmentOptions } from './month-close.js';
import { finishIfDone, openPass, type RunDeps } from './month-close-run.js';
import type { MonthCloseRun, SegmentTask, SegmentTaskQueue } from './ports.js';
import type { MonthCloseProgress } from './api.js';

const TASK_TTL_SECONDS = 7 * 24 * 3600;

export const segmentTask = (
  run: Pick<MonthCloseRun, 'month' | 'pass' | 'totalSegments'>,
  segment: number,
  issueId: string,
  continuation: number,
  at: Date,
): SegmentTask => ({
  taskId: `${run.month}#P${run.pass}#S${String(segment).padStart(4, '0')}#${issueId}#${continuation}`,
  month: run.month,
  pass: run.pass,
  segment,
  totalSegments: run.totalSegments,
  issueId,
  continuation,
  issuedAt: at.toISOString(),
  expiresAt: Math.floor(at.getTime() / 1000) + TASK_TTL_SECONDS,
});

export interface CoordinatorDeps extends RunDeps {
  tasks: SegmentTaskQueue;
}

/**
 * The coordinator: opens (or resumes) the month's pass and issues one task per segment not done yet;
 * each task is a separate invocation of the segment worker ({@link runSegmentTask}). Run again, it
 * issues tasks for the segments still open (a worker that died, or was dead-lettered, resumes from its
 * checkpoint); a duplicate task finds its checkpoint moved on and leaves the segment to the other.
 */
export const startMonthClose = async (
  deps: CoordinatorDeps,
  options: { month: Month; totalSegments?: number; issueId: string },
): Promise<MonthCloseProgress> => {
  const { run, segments } = await openPass(deps, options.month, options.totalSegments);
  const issuedAt = deps.clock.now();
  await deps.tasks.issue(
    segments
      .filter((s) => s.status !== 'done')
      .map((s) => segmentTask(run, s.segment, options.issueId, 0, issuedAt)),
  );
  return finishIfDone(deps, options.month);
};

export interface SegmentWorkerDeps extends MonthCloseDeps {
  tasks: SegmentTaskQueue;
}

export type SegmentTaskOutcome = 'done' | 'continued' | 'taken' | 'stale';

/**
 * The segment worker: closes its segment from the checkpoint; out of time, it hands the rest to a
 * continuation task (a fresh invocation) instead of failing. A task of an older pass, or of a segment
 * done already, is stale and does nothing. The worker that closes the last segment closes the run.
 */
export const runSegmentTask = async (
  deps: SegmentWorkerDeps,
  task: SegmentTask,
  options: SegmentOptions = {},
): Promise<SegmentTaskOutcome> => {
  const run = await deps.runs.getRun(task.month);
  if (!run || run.pass !== task.pass || run.status !== 'running') return 'stale';
  const progress = (await deps.runs.segments(task.month)).find(
    (s) => s.segment === task.segment && s.pass === task.pass,
  );
  if (!progress || progress.status === 'done') {
    await finishIfDone(deps, task.month);
    return 'stale';
  }
  const outcome = await closeSegment(deps, run, progress, options);
  if (outcome === 'paused') {
    await deps.tasks.issue([
      segmentTask(run, task.segment, task.issueId, task.continuation + 1, deps.clock.now()),
    ]);
    return 'continued';
  }
  if (outcome === 'done') await finishIfDone(deps, task.month);
  return outcome;
};
