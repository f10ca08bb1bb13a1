// A segment task: "close segment n of pass p of this month", one item in `tier-month-close-tasks`
// whose stream invokes the segment worker once per task. Each task has its own key, so in AWS the
// tasks are independent records (not one item's ordered changes) and a task is never rewritten.
import type { MonthCloseRun, SegmentTask } from './ports.js';

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
