// Month close (月末定级): every customer's month closed, the downgrade buffer applied, the history
// recorded. The customers are split into segments of a DynamoDB parallel scan; each segment
// checkpoints after every page, so a close that dies resumes where it stopped. Deployed, a coordinator
// issues one task per segment and each task is its own invocation of the segment worker; in one
// process (`closeMonth`: benchmarks, a single machine) the segments run side by side. Closing a
// customer's month is itself idempotent (the state records the last month closed, and the decision is
// committed on the version read), so a page done twice, or the whole month closed twice, changes nothing.
import { businessDateOf } from '#shared/adapters/clock.js';
import { addMonths, monthOf, type Month } from './calendar.js';
import { decideCustomerClose } from './close-decision.js';
import { TierDecisionContended, tierChangeRecord, type TieringDeps } from './evaluate.js';
import type {
  ClosingCustomer,
  MonthCloseRecord,
  MonthCloseRun,
  MonthCloseStore,
  SegmentCounts,
  SegmentProgress,
  SegmentTask,
  SegmentTaskQueue,
  TierCommit,
  TierStateRecord,
} from './ports.js';
import type { MonthCloseProgress } from './api.js';
import { segmentTask } from './month-close-tasks.js';

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

/** The month a close scheduled at this instant closes: the Shanghai month before it. */
export const monthBefore = (instant: Date): Month => addMonths(monthOf(businessDateOf(instant)), -1);

const MAX_ATTEMPTS = 10;
/** Segments of a pass unless asked otherwise; a resumed pass keeps the number it started with. */
export const DEFAULT_SEGMENTS = 8;

/** What closing one customer's month writes: its month-close records, then its decision. */
interface ClosePlan {
  customer: ClosingCustomer;
  /** Closed already: nothing to write (bar repairing customers.tier). */
  closedAlready?: { tier: TierStateRecord['tier'] };
  closes: MonthCloseRecord[];
  commit?: TierCommit;
  counts: SegmentCounts;
}

const planClose = async (
  deps: TieringDeps,
  customer: ClosingCustomer,
  month: Month,
  state: TierStateRecord | undefined,
): Promise<ClosePlan> => {
  const [counters, policies] = await Promise.all([
    deps.counters.read(customer.customerId),
    deps.policies.list(),
  ]);
  const now = deps.clock.now();
  const decision = decideCustomerClose(state, customer.tier, counters, policies, month);
  if (decision.closedAlready) {
    return {
      customer,
      closedAlready: { tier: decision.tier },
      closes: [],
      counts: { customers: 1, monthsClosed: 0, changed: 0 },
    };
  }
  const { after: next, outcomes } = decision;
  const version = (state?.version ?? 0) + 1;
  const at = now.toISOString();
  const closes: MonthCloseRecord[] = outcomes.map((o) => ({
    customerId: customer.customerId,
    month: o.month,
    policyVersion: o.policyVersion,
    avgAumFen: o.avgAumFen,
    qualifies: o.qualifies,
    tierBefore: o.tierBefore,
    tierAfter: o.tierAfter,
    belowMonths: o.belowMonths,
    ...(o.change ? { reason: o.change.reason } : {}),
    closedAt: at,
  }));
  const changes = outcomes
    .flatMap((o) => (o.change ? [o.change] : []))
    .map((change, i) =>
      tierChangeRecord(
        customer.customerId,
        version,
        i,
        change,
        { kind: 'month_close', month: change.month },
        customer,
        now,
      ),
    );
  const nextState: TierStateRecord = {
    ...(state ?? { customerId: customer.customerId }),
    tier: next.tier,
    version,
    ...(next.firstClosed ? { firstClosed: next.firstClosed } : {}),
    ...(next.closedThrough ? { closedThrough: next.closedThrough } : {}),
    updatedAt: at,
  };
  return {
    customer,
    closes,
    commit: {
      state: nextState,
      ...(state ? { expectedVersion: state.version } : {}),
      changes,
      ...(next.tier !== customer.tier
        ? { customerTier: { customerId: customer.customerId, tier: next.tier, at } }
        : {}),
    },
    counts: { customers: 1, monthsClosed: closes.length, changed: changes.length },
  };
};

/**
 * Writes a plan: the month-close records first (plain overwrites, batched), then the decision on the
 * state version read. So a state never says a month is closed without its record; a plan that lost to
 * a real-time evaluation is made again and rewrites them. (Two closes of one month running at once
 * can leave the losing plan's record: the same figures unless a transaction landed between their reads.)
 */
const applyPlan = async (deps: TieringDeps, plan: ClosePlan, writeCloses = true): Promise<boolean> => {
  if (plan.closedAlready) {
    if (plan.customer.tier !== plan.closedAlready.tier) {
      await deps.tiers.syncCustomerTier(
        plan.customer.customerId,
        plan.closedAlready.tier,
        deps.clock.now().toISOString(),
      );
    }
    return true;
  }
  if (writeCloses) await deps.tiers.putCloses(plan.closes);
  return (await deps.tiers.commit(plan.commit!)) === 'committed';
};

/** Closes one customer's month (and any earlier month not closed yet); nothing if closed already. */
export const closeCustomerMonth = async (
  deps: TieringDeps,
  customer: ClosingCustomer,
  month: Month,
): Promise<SegmentCounts> => {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const plan = await planClose(deps, customer, month, await deps.tiers.getState(customer.customerId));
    if (await applyPlan(deps, plan)) return plan.counts;
  }
  throw new TierDecisionContended(
    `month close of ${customer.customerId}: still contended after ${MAX_ATTEMPTS} attempts`,
  );
};

/**
 * Closes a page of customers: their states read in one batch, their month-close records written in
 * batches, then each decision committed; a customer whose commit lost a race is closed again alone.
 */
const closePage = async (
  deps: TieringDeps,
  customers: ClosingCustomer[],
  month: Month,
  concurrency: number,
): Promise<SegmentCounts> => {
  const states = await deps.tiers.getStates(customers.map((c) => c.customerId));
  const plans: ClosePlan[] = [];
  await inPool(customers, concurrency, async (customer) => {
    plans.push(await planClose(deps, customer, month, states.get(customer.customerId)));
  });
  await deps.tiers.putCloses(plans.flatMap((p) => p.closes));
  const counts = zero();
  await inPool(plans, concurrency, async (plan) => {
    const done = (await applyPlan(deps, plan, false))
      ? plan.counts
      : await closeCustomerMonth(deps, plan.customer, month);
    counts.customers += done.customers;
    counts.monthsClosed += done.monthsClosed;
    counts.changed += done.changed;
  });
  return counts;
};

const zero = (): SegmentCounts => ({ customers: 0, monthsClosed: 0, changed: 0 });

/** Runs `task` over `items` with at most `concurrency` at once. */
export const inPool = async <T>(items: T[], concurrency: number, task: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
};

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

/** What opening a pass and finishing it needs: the run records and a clock. */
export interface RunDeps {
  runs: MonthCloseStore;
  clock: TieringDeps['clock'];
}

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

/** The month's progress; the run marked done (once) when its last segment is. */
export const finishIfDone = async (deps: RunDeps, month: Month): Promise<MonthCloseProgress> => {
  const progress = (await monthCloseProgress(deps.runs, month))!;
  if (progress.segmentsDone === progress.totalSegments && progress.status === 'running') {
    await deps.runs.finishRun(month, progress.pass, progress, deps.clock.now().toISOString());
    return (await monthCloseProgress(deps.runs, month))!;
  }
  return progress;
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

// --- one invocation per segment ----------------------------------------------------------------

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
