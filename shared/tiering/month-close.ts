// Month close (月末定级): every customer's month closed, the downgrade buffer applied, the history
// recorded. The customers are split into segments of a DynamoDB parallel scan; each segment
// checkpoints after every page, so a close that dies resumes where it stopped. Deployed, a coordinator
// issues one task per segment and each task is its own invocation of the segment worker; in one
// process (`closeMonth`: benchmarks, a single machine) the segments run side by side. Closing a
// customer's month is itself idempotent (the state records the last month closed, and the decision is
// committed on the version read), so a page done twice, or the whole month closed twice, changes nothing.
import type { Month } from './calendar.js';
import { closePage } from './close-customer.js';
import type { TieringDeps } from './evaluate.js';
import { finishIfDone, openPass } from './month-close-run.js';
import type { MonthCloseRun, MonthCloseStore, SegmentProgress } from './ports.js';
import type { MonthCloseProgress } from './api.js';

export interface MonthCloseDeps extends TieringDeps {
  runs: MonthCloseStore;
}

export interface MonthCloseOptions {
  month: Month;
  /** Parallel scan segments (one worker each). Default 8; a resumed pass keeps the number it started with. */
  totalSegments?: number;
  /** Customers per scan page, and so per checkpoint. Default 100. */
  pageSize?: number;
  /** Customers closed at once within a segment. Default 8. */
  concurrency?: number;
  /** Stop taking new pages after this instant (ms since the epoch): leave the rest to a resumed run. */
  deadline?: number;
  /** Work on these segments only; default all. */
  segments?: number[];
}

export interface SegmentOptions {
  pageSize?: number;
  concurrency?: number;
  /** Stop taking new pages after this instant (ms since the epoch). */
  deadline?: number;
  /** Checked between pages: true stops the segment (another segment of the same run failed). */
  stopped?: () => boolean;
}

/**
 * Closes one segment of a pass from its checkpoint, a page at a time: `done` at its end, `paused`
 * at the deadline, `taken` when someone else moved its checkpoint on (a duplicate task): theirs now.
 */
export const closeSegment = async (
  deps: MonthCloseDeps,
  run: MonthCloseRun,
  progress: SegmentProgress,
  options: SegmentOptions = {},
): Promise<'done' | 'paused' | 'taken'> => {
  const pageSize = options.pageSize ?? 100;
  const concurrency = options.concurrency ?? 8;
  let lastKey = progress.lastKey;
  for (;;) {
    if (options.stopped?.() || (options.deadline !== undefined && Date.now() >= options.deadline))
      return 'paused';
    const page = await deps.runs.scanCustomers(
      progress.segment,
      run.totalSegments,
      lastKey === undefined ? undefined : (JSON.parse(lastKey) as Record<string, unknown>),
      pageSize,
    );
    const counts = await closePage(deps, page.customers, run.month, concurrency);
    const nextKey = page.nextKey ? JSON.stringify(page.nextKey) : undefined;
    const at = deps.clock.now().toISOString();
    if (!(await deps.runs.checkpoint(run.month, progress.segment, run.pass, lastKey, nextKey, counts, at)))
      return 'taken';
    if (nextKey === undefined) return 'done';
    lastKey = nextKey;
  }
};

/**
 * The whole month in this process, its segments side by side: what the benchmark measures and what a
 * single machine can run. Deployed, {@link startMonthClose} fans the segments out instead.
 */
export const closeMonth = async (
  deps: MonthCloseDeps,
  options: MonthCloseOptions,
): Promise<MonthCloseProgress> => {
  const { month } = options;
  const { run, segments } = await openPass(deps, month, options.totalSegments);
  let failed = false;
  const settled = await Promise.allSettled(
    segments
      .filter((s) => s.status !== 'done' && (!options.segments || options.segments.includes(s.segment)))
      .map((s) =>
        closeSegment(deps, run, s, { ...options, stopped: () => failed }).catch((error: unknown) => {
          failed = true; // the other segments stop after their page: a rerun resumes them all
          throw error;
        }),
      ),
  );
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return finishIfDone(deps, month);
};
