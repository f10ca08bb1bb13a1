// Month close at scale and under failure: segments of a parallel scan, each its own invocation of the
// segment worker (a task from the coordinator, through the tasks stream), resumable from per-segment
// checkpoints after being killed halfway, reporting progress, and idempotent when run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { closeMonth, type MonthCloseDeps } from '#shared/tiering/month-close.js';
import { runSegmentTask, startMonthClose } from '#shared/tiering/month-close-tasks.js';
import { dynamoMonthCloseDeps, dynamoSegmentWorkerDeps } from '#shared/tiering/deps.js';
import type { SegmentTask } from '#shared/tiering/ports.js';
import { counterTerms, countersOf } from '#shared/tiering/aum.js';
import { DEFAULT_TIER_POLICY, type TierPolicy } from '#shared/tiering/policy.js';
import { type ApiClient } from '../support/local-runtime.js';
import { aBank, customersWithBalances, movementsOfPattern } from '../support/steps/index.js';
import { closeMonths, monthsToClose } from '#shared/tiering/decide-month-close.js';
import { putAndApprove } from '../support/maker-checker.js';
import { demoCustomerId as id } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;
const CUSTOMERS = 150;
const WITH_HISTORY = 40;

// 10 December 2026 in Shanghai: November is the month to close
const NOW = '2026-12-10T04:00:00.000Z';

/** Deposits and withdrawals that net to zero by 30 November (so December so far moves no tier). */
const historyOf = (i: number): { amountFen: number; businessDate: string }[] => {
  const k = 1 + (i % 3) / 2;
  const patterns = [
    [
      [60_000_000, '2026-09-01'],
      [-60_000_000, '2026-10-01'],
    ], // platinum in September, then nothing
    [
      [6_000_000, '2026-09-10'],
      [-6_000_000, '2026-11-30'],
    ],
    [
      [300_000_000, '2026-10-15'],
      [-300_000_000, '2026-11-05'],
    ],
    [
      [700_000_000, '2026-11-01'],
      [-700_000_000, '2026-11-30'],
    ],
    [],
  ] as const;
  return movementsOfPattern(patterns, i, k);
};

beforeAll(async () => {
  process.env.OCRM_TIER_POLICY_CACHE_SECONDS = '0';
  const bank = await aBank({ customers: CUSTOMERS, now: NOW });
  ({ runtime, api } = bank);
  const policy = await putAndApprove(api, 'admin', '/v1/tier-policy', {
    effectiveFrom: '2026-09-01',
    // the built-in thresholds; only the downgrade grace differs
    tiers: DEFAULT_TIER_POLICY.tiers,
    downgradeAfterMonths: 2,
  });
  expect(policy.status).toBe(200);
  const customers = Array.from({ length: WITH_HISTORY }, (_, n) => id(n + 1));
  await customersWithBalances(bank, Object.fromEntries(customers.map((c, n) => [c, historyOf(n + 1)])));
  policies = [(await api.get('admin', '/v1/tier-policy?on=2026-09-01')).body as TierPolicy];
}, 180_000);
afterAll(() => runtime?.stop());

let policies: TierPolicy[] = [];

const scan = async (table: string) => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await runtime.document.send(
      new ScanCommand({ TableName: runtime.tableName(table), ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

const history = async () => {
  const strip = ({ at: _a, closedAt: _c, updatedAt: _u, ...rest }: Record<string, unknown>) => rest;
  const closes = (await scan('tier-state')).filter((i) => String(i.key).startsWith('CLOSE#')).map(strip);
  const changes = (await scan('tier-changes')).map(strip);
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    `${a.customerId}${a.key ?? a.changeId}` < `${b.customerId}${b.key ?? b.changeId}` ? -1 : 1;
  return { closes: closes.sort(byKey), changes: changes.sort(byKey) };
};

/** What each customer's close should say, from the domain's own rules over their known history. */
const expectedOutcome = (i: number) => {
  const history = i <= WITH_HISTORY ? historyOf(i) : [];
  const counters = countersOf(history.map((h) => counterTerms('deposit', h.amountFen, h.businessDate)));
  const months = monthsToClose({ tier: 'standard' }, '2026-11', counters[0]?.month);
  return closeMonths({ tier: 'standard' }, counters, policies, months);
};

const invocationsOfSegmentWorker = async () =>
  (await runtime.streams.status()).find((s) => s.function === 'tiering-month-close-segment')!.counters
    .invocations;

/** The month's progress once its pass is done (a continuation task may land after a drain began). */
const closed = async (month: string) => {
  for (const deadline = Date.now() + 120_000; ;) {
    await runtime.drained();
    const progress = await api.get('admin', `/v1/tier-month-close/${month}`);
    if (progress.body.status === 'done' || Date.now() > deadline) return progress.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('month close', () => {
  it('killed halfway, reports its progress, and a rerun resumes from the checkpoints and completes it', async () => {
    // statically imported before the runtime set --now: the process-wide clock follows it anyway
    const deps = dynamoMonthCloseDeps();
    expect(deps.clock.now().toISOString().slice(0, 10)).toBe('2026-12-10');
    let commits = 0;
    const crashing: MonthCloseDeps = {
      ...deps,
      tiers: {
        ...deps.tiers,
        commit: async (commit) => {
          if (++commits > 70) throw new Error('killed');
          return deps.tiers.commit(commit);
        },
      },
    };
    await expect(
      closeMonth(crashing, { month: '2026-11', totalSegments: 4, pageSize: 10, concurrency: 4 }),
    ).rejects.toThrow('killed');

    const halfway = await api.get('admin', '/v1/tier-month-close/2026-11');
    expect(halfway.status).toBe(200);
    expect(halfway.body).toMatchObject({ status: 'running', pass: 1, totalSegments: 4 });
    expect(halfway.body.customers).toBeGreaterThan(0);
    expect(halfway.body.customers).toBeLessThan(CUSTOMERS);
    expect(halfway.body.segmentsDone).toBeLessThan(4);

    // a run out of time stops between pages and leaves the rest for the next
    const paused = await closeMonth(deps, { month: '2026-11', deadline: Date.now() - 1 });
    expect(paused).toMatchObject({ status: 'running', customers: halfway.body.customers });

    // the coordinator resumes the pass: one task per open segment, each its own worker invocation
    const segmentRuns = await invocationsOfSegmentWorker();
    const run = await runtime.schedules.run('tiering-month-close');
    expect(run?.ok, run?.error).toBe(true);
    expect(run?.result).toMatchObject({ month: '2026-11', status: 'running', pass: 1, totalSegments: 4 });
    const open = 4 - halfway.body.segmentsDone;
    // the same pass, resumed: its 4 segments (not the default 8), every customer counted once
    expect(await closed('2026-11')).toMatchObject({
      month: '2026-11',
      status: 'done',
      pass: 1,
      totalSegments: 4,
      segmentsDone: 4,
      customers: CUSTOMERS,
    });
    expect((await invocationsOfSegmentWorker()) - segmentRuns).toBe(open);

    const { closes, changes } = await history();
    const states = (await scan('tier-state')).filter((s) => s.key === 'STATE');
    expect(states).toHaveLength(CUSTOMERS);
    expect(states.every((s) => s.closedThrough === '2026-11')).toBe(true);
    for (let i = 1; i <= CUSTOMERS; i++) {
      const expected = expectedOutcome(i);
      const mine = closes.filter((c) => c.customerId === id(i));
      expect(
        mine.map((c) => [c.month, c.qualifies, c.tierAfter, c.avgAumFen]),
        id(i),
      ).toEqual(expected.outcomes.map((o) => [o.month, o.qualifies, o.tierAfter, o.avgAumFen]));
      expect(
        changes.filter((c) => c.customerId === id(i)).map((c) => [c.month, c.fromTier, c.toTier, c.reason]),
        id(i),
      ).toEqual(
        expected.outcomes.flatMap((o) =>
          o.change ? [[o.month, o.change.from, o.change.to, o.change.reason]] : [],
        ),
      );
    }
    // customers.tier follows
    const tiers = new Map((await scan('customers')).map((c) => [c.customerId, c.tier]));
    for (let i = 1; i <= CUSTOMERS; i++)
      expect(tiers.get(id(i)), id(i)).toBe(expectedOutcome(i).standing.tier);
    // the patterns exercise every rule: upgrades at close, a downgrade after the buffer, no change
    expect(new Set(changes.map((c) => c.reason))).toEqual(new Set(['month_close', 'downgrade_after_buffer']));
  });

  it('run twice gives the same history', async () => {
    const before = await history();
    const again = await runtime.schedules.run('tiering-month-close');
    expect(again?.ok, again?.error).toBe(true);
    expect(await closed('2026-11')).toMatchObject({
      status: 'done',
      pass: 2,
      totalSegments: 8,
      customers: CUSTOMERS,
      monthsClosed: 0,
      changed: 0,
    });
    expect(await history()).toEqual(before);
  });

  it('a segment out of time hands the rest to a continuation task, run by a fresh invocation', async () => {
    const issued: SegmentTask[] = [];
    const deps = dynamoSegmentWorkerDeps();
    // a third pass, its tasks kept here instead of issued
    const started = await startMonthClose(
      { ...deps, tasks: { issue: async (tasks) => void issued.push(...tasks) } },
      { month: '2026-11', totalSegments: 2, issueId: 'test' },
    );
    expect(started).toMatchObject({ status: 'running', pass: 3, totalSegments: 2, segmentsDone: 0 });
    expect(issued.map((t) => [t.pass, t.segment, t.continuation])).toEqual([
      [3, 0, 0],
      [3, 1, 0],
    ]);
    // out of time before its first page: the rest goes to a continuation, which the stream runs
    const before = await invocationsOfSegmentWorker();
    expect(await runSegmentTask(deps, issued[0]!, { deadline: Date.now() - 1 })).toBe('continued');
    expect(await runSegmentTask(deps, issued[1]!)).toBe('done');
    // a task of an older pass does nothing
    expect(await runSegmentTask(deps, { ...issued[1]!, pass: 2 })).toBe('stale');
    expect(await closed('2026-11')).toMatchObject({
      status: 'done',
      pass: 3,
      segmentsDone: 2,
      customers: CUSTOMERS,
      changed: 0,
    });
    expect((await invocationsOfSegmentWorker()) - before).toBe(1);
  });
});
