// Month close (月末定级): every customer's month closed, the downgrade buffer applied, the history
// recorded. The customers are split into segments of a DynamoDB parallel scan, processed side by side;
// each segment checkpoints after every page, so a close that dies resumes where it stopped. Closing a
// customer's month is itself idempotent (the state records the last month closed, and the decision is
// committed on the version read), so a page done twice, or the whole month closed twice, changes nothing.
import { businessDateOf } from '#shared/adapters/clock.js';
import { addMonths, monthOf, type Month } from './calendar.js';
import { closeMonths, monthsToClose } from './policy.js';
import { TierDecisionContended, tierChangeRecord, type TieringDeps } from './evaluate.js';
import {
  STATE_KEY,
  closeKey,
  type MonthCloseRecord,
  type TierCommit,
  type TierStateRecord,
} from './tier-store.js';
import {
  segmentPart,
  type ClosingCustomer,
  type MonthCloseRun,
  type MonthCloseStore,
  type SegmentCounts,
  type SegmentProgress,
} from './month-close-store.js';
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
  /** Work on these segments only (one worker per segment, each its own invocation); default all. */
  segments?: number[];
}

export class MonthCloseIncomplete extends Error {
  override name = 'MonthCloseIncomplete';
}

/** The month a close scheduled at this instant closes: the Shanghai month before it. */
export const monthBefore = (instant: Date): Month => addMonths(monthOf(businessDateOf(instant)), -1);

const MAX_ATTEMPTS = 10;

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
  if (state?.closedThrough && state.closedThrough >= month) {
    return {
      customer,
      closedAlready: { tier: state.tier },
      closes: [],
      counts: { customers: 1, monthsClosed: 0, changed: 0 },
    };
  }
  const standing = state ?? { tier: customer.tier };
  const months = monthsToClose(standing, month, counters[0]?.month);
  const { standing: next, outcomes } = closeMonths(standing, counters, policies, months);
  const version = (state?.version ?? 0) + 1;
  const at = now.toISOString();
  const closes: MonthCloseRecord[] = outcomes.map((o) => ({
    customerId: customer.customerId,
    key: closeKey(o.month),
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
    ...(state ?? { customerId: customer.customerId, key: STATE_KEY }),
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
const inPool = async <T>(items: T[], concurrency: number, task: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
};

/** Starts the month's run, resumes its running pass, or starts a new pass of a month closed before. */
const openRun = async (deps: MonthCloseDeps, month: Month, totalSegments: number): Promise<MonthCloseRun> => {
  for (;;) {
    const at = deps.clock.now().toISOString();
    const run = await deps.runs.getRun(month);
    if (!run) {
      const fresh: MonthCloseRun = {
        month,
        part: 'RUN',
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

export const closeMonth = async (
  deps: MonthCloseDeps,
  options: MonthCloseOptions,
): Promise<MonthCloseProgress> => {
  const { month } = options;
  const run = await openRun(deps, month, options.totalSegments ?? 8);
  const pageSize = options.pageSize ?? 100;
  const concurrency = options.concurrency ?? 8;
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
      part: segmentPart(segment),
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

  let failed = false;
  const work = async (progress: SegmentProgress): Promise<void> => {
    let lastKey = progress.lastKey;
    while (!failed && (options.deadline === undefined || Date.now() < options.deadline)) {
      const page = await deps.runs.scanCustomers(
        progress.segment,
        run.totalSegments,
        lastKey === undefined ? undefined : (JSON.parse(lastKey) as Record<string, unknown>),
        pageSize,
      );
      const counts = await closePage(deps, page.customers, month, concurrency);
      const nextKey = page.nextKey ? JSON.stringify(page.nextKey) : undefined;
      const at = deps.clock.now().toISOString();
      // someone else moved this segment on (a second run at the same time): leave it to them
      if (!(await deps.runs.checkpoint(month, progress.segment, run.pass, lastKey, nextKey, counts, at)))
        return;
      if (nextKey === undefined) return;
      lastKey = nextKey;
    }
  };
  const settled = await Promise.allSettled(
    segments
      .filter((s) => s.status !== 'done' && (!options.segments || options.segments.includes(s.segment)))
      .map((s) =>
        work(s).catch((error: unknown) => {
          failed = true; // the other segments stop after their page: a rerun resumes them all
          throw error;
        }),
      ),
  );
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;

  const progress = await monthCloseProgress(deps.runs, month);
  if (progress && progress.segmentsDone === progress.totalSegments && progress.status === 'running') {
    await deps.runs.finishRun(month, run.pass, progress, deps.clock.now().toISOString());
    return (await monthCloseProgress(deps.runs, month))!;
  }
  return progress!;
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
