// A month-close run (tier-month-close): its passes and their segments' progress. Opening a pass
// starts the month's run, resumes the running pass, or starts a new pass of a month closed before;
// the run is marked done (once) when its last segment is. Progress is read from the segments.
import { businessDateOf } from '#shared/clock.js';
import { addMonths, monthOf, type Month } from './calendar.js';
import type { TieringDeps } from './evaluate.js';
import type { MonthCloseRun, MonthCloseStore, SegmentCounts, SegmentProgress } from './ports.js';
import type { MonthCloseProgress } from './api.js';

/** The month a close scheduled at this instant closes: the Shanghai month before it. */
export const monthBefore = (instant: Date): Month => addMonths(monthOf(businessDateOf(instant)), -1);

/** Segments of a pass unless asked otherwise; a resumed pass keeps the number it started with. */
export const DEFAULT_SEGMENTS = 8;

/** What opening a pass and finishing it needs: the run records and a clock. */
export interface RunDeps {
  runs: MonthCloseStore;
  clock: TieringDeps['clock'];
}

/** Starts the month's run, resumes its running pass, or starts a new pass of a month closed before. */
const openRun = async (deps: RunDeps, month: Month, totalSegments: number): Promise<MonthCloseRun> => {
  for (;;) {
    const at = deps.clock.now().toISOString();
    const run = await deps.runs.getRun(month);
    if (!run) {
      const fresh: MonthCloseRun = {
        month,
        pass: 1,
        totalSegments,
        status: 'running',
        startedAt: at,
      };
      if (await deps.runs.createRun(fresh)) return fresh;
    } else if (run.status === 'running') {
      return run;
    } else if (await deps.runs.startPass(month, run.pass + 1, totalSegments, at)) {
      return { ...run, pass: run.pass + 1, totalSegments, status: 'running', startedAt: at };
    }
  }
};

/** Opens the month's pass (or resumes the running one) and each of its segments' progress. */
export const openPass = async (
  deps: RunDeps,
  month: Month,
  totalSegments = DEFAULT_SEGMENTS,
): Promise<{ run: MonthCloseRun; segments: SegmentProgress[] }> => {
  const run = await openRun(deps, month, totalSegments);
  const existing = new Map((await deps.runs.segments(month)).map((s) => [s.segment, s]));
  const segments: SegmentProgress[] = [];
  for (let segment = 0; segment < run.totalSegments; segment++) {
    const known = existing.get(segment);
    if (known && known.pass === run.pass) {
      segments.push(known);
      continue;
    }
    const fresh: SegmentProgress = {
      month,
      segment,
      pass: run.pass,
      status: 'running',
      customers: 0,
      monthsClosed: 0,
      changed: 0,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.runs.openSegment(fresh);
    segments.push(fresh);
  }
  return { run, segments };
};

/** The month's progress; the run marked done (once) when its last segment is. */
export const finishIfDone = async (deps: RunDeps, month: Month): Promise<MonthCloseProgress> => {
  const progress = (await monthCloseProgress(deps.runs, month))!;
  if (progress.segmentsDone === progress.totalSegments && progress.status === 'running') {
    await deps.runs.finishRun(month, progress.pass, progress, deps.clock.now().toISOString());
    return (await monthCloseProgress(deps.runs, month))!;
  }
  return progress;
};

export const monthCloseProgress = async (
  store: MonthCloseStore,
  month: Month,
): Promise<MonthCloseProgress | undefined> => {
  const run = await store.getRun(month);
  if (!run) return undefined;
  const segments = (await store.segments(month))
    .filter((s) => s.pass === run.pass)
    .sort((a, b) => a.segment - b.segment);
  const sum = (field: keyof SegmentCounts) => segments.reduce((total, s) => total + s[field], 0);
  return {
    month,
    pass: run.pass,
    status: run.status,
    totalSegments: run.totalSegments,
    segmentsDone: segments.filter((s) => s.status === 'done').length,
    customers: sum('customers'),
    monthsClosed: sum('monthsClosed'),
    changed: sum('changed'),
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    segments: segments.map((s) => ({
      segment: s.segment,
      status: s.status,
      customers: s.customers,
      monthsClosed: s.monthsClosed,
      changed: s.changed,
      updatedAt: s.updatedAt,
    })),
  };
};
