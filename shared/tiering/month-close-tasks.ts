// A segment task: "close segment n of pass p of this month", one item in `tier-month-close-tasks`
// whose stream invokes the segment worker once per task. Each task has its own key, so in AWS the
// tasks are independent records (not one item's ordered changes) and a task is never rewritten.
import type { Month } from './calendar.js';
import type { MonthCloseRun } from './month-close-store.js';

export interface SegmentTask {
  taskId: string;
  month: Month;
  pass: number;
  segment: number;
  totalSegments: number;
  /** Who issued it: the coordinator's request id; continuations keep it and count up. */
  issueId: string;
  /** 0 from the coordinator, n for the n-th continuation of a worker out of time. */
  continuation: number;
  issuedAt: string;
  /** Time to live (epoch seconds): a task is spent once its invocation ran. */
  expiresAt: number;
}

export interface SegmentTaskQueue {
  /** Writes the tasks that do not exist yet (the same task issued twice starts one invocation). */
  issue(tasks: SegmentTask[]): Promise<void>;
}

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
