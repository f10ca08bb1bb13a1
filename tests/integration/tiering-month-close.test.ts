// Month close at scale and under failure: segments of a parallel scan, resumable from per-segment
// checkpoints after being killed halfway, reporting progress, and idempotent when run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import type { MonthCloseDeps } from '#shared/tiering/month-close.js';
import { counterTerms, countersOf } from '#shared/tiering/aum.js';
import { closeMonths, monthsToClose, type TierPolicy } from '#shared/tiering/policy.js';
import { apiClient, startTestRuntime, type ApiClient } from '../support/local-runtime.js';
import { transaction } from '../support/builders.js';

let runtime: LocalRuntime;
let api: ApiClient;
const CUSTOMERS = 150;
const WITH_HISTORY = 40;

// 10 December 2026 in Shanghai: November is the month to close
const NOW = '2026-12-10T04:00:00.000Z';

const id = (i: number) => `C${String(i).padStart(7, '0')}`;

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
  return patterns[i % patterns.length]!.map(([amount, businessDate]) => ({
    amountFen: Math.round(amount * k),
    businessDate,
  }));
};

beforeAll(async () => {
  process.env.OCRM_TIER_POLICY_CACHE_SECONDS = '0';
  runtime = await startTestRuntime({ demoCustomers: CUSTOMERS, now: NOW });
  api = apiClient(runtime);
  const policy = await api.put('admin', '/v1/tier-policy', {
    effectiveFrom: '2026-09-01',
    tiers: [
      { tier: 'standard', minAvgAumFen: 0 },
      { tier: 'gold', minAvgAumFen: 5_000_000 },
      { tier: 'platinum', minAvgAumFen: 50_000_000 },
      { tier: 'diamond', minAvgAumFen: 200_000_000 },
      { tier: 'private_banking', minAvgAumFen: 600_000_000 },
    ],
    downgradeAfterMonths: 2,
  });
  expect(policy.status).toBe(200);
  const all = Array.from({ length: WITH_HISTORY }, (_, n) => n + 1).flatMap((i) =>
    historyOf(i).map((h) =>
      transaction({ customerId: id(i), ...h, bookedAt: `${h.businessDate}T02:00:00.000Z` }),
    ),
  );
  // withdrawals first: seen without them, a deposit would make December so far look richer than it is
  const ordered = [...all.filter((t) => t.amountFen < 0), ...all.filter((t) => t.amountFen > 0)];
  for (let i = 0; i < ordered.length; i += 50) {
    expect(
      (await api.post('core-banking', '/v1/transactions', { transactions: ordered.slice(i, i + 50) })).status,
    ).toBe(200);
  }
  await runtime.drained();
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

describe('month close', () => {
  it('killed halfway, reports its progress, and a rerun resumes from the checkpoints and completes it', async () => {
    // imported once the runtime has set the clock (--now) that the process-wide clock reads at load
    const { closeMonth } = await import('#shared/tiering/month-close.js');
    const deps = (await import('#shared/tiering/deps.js')).dynamoMonthCloseDeps();
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

    const run = await runtime.schedules.run('tiering-month-close');
    expect(run?.ok, run?.error).toBe(true);
    // the same pass, resumed: its 4 segments (not the default 8), every customer counted once
    expect(run?.result).toMatchObject({
      month: '2026-11',
      status: 'done',
      pass: 1,
      totalSegments: 4,
      segmentsDone: 4,
      customers: CUSTOMERS,
    });

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
    expect(again?.result).toMatchObject({
      status: 'done',
      pass: 2,
      totalSegments: 8,
      customers: CUSTOMERS,
      monthsClosed: 0,
      changed: 0,
    });
    expect(await history()).toEqual(before);
  });
});
