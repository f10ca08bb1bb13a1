// The tier policy what-if against the real thing, on a small bank of its own: the preview's counts
// (up and down, by branch) under a draft equal what the next month close then does once the draft is
// approved — the close's own per-customer decision over the same kept counters. Also its roles, its
// scope (an admin of a branch sees that branch) and bad input (every failing field, nothing written).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { closeMonth } from '#shared/tiering/month-close.js';
import { dynamoMonthCloseDeps } from '#shared/tiering/deps.js';
import type { TierPolicyPreview } from '#shared/tiering/preview-api.js';
import { TIERS, type Customer, type Tier } from '#shared/customers/customer.js';
import { branchOfPath } from '#shared/org/org-unit.js';
import { scanAll, type ApiClient } from '../support/local-runtime.js';
import { aBank, customersWithBalances, movementsOfPattern } from '../support/steps/index.js';
import type { StoredTierState as TierStateRecord } from '#shared/tiering/dynamo-tiers.js';
import { putAndApprove } from '../support/maker-checker.js';
import { demoCustomerId as id } from '../support/builders.js';
import { tableDigest } from '../support/requests.js';

let runtime: LocalRuntime;
let api: ApiClient;
const CUSTOMERS = 120;
const WITH_HISTORY = 80;
// 00:10 on 1 December 2026 in Shanghai: November is the month the next close closes
const NOW = '2026-11-30T16:10:00.000Z';

const thresholds = (gold: number, platinum: number) => [
  { tier: 'standard', minAvgAumFen: 0 },
  { tier: 'gold', minAvgAumFen: gold },
  { tier: 'platinum', minAvgAumFen: platinum },
  { tier: 'diamond', minAvgAumFen: 200_000_000 },
  { tier: 'private_banking', minAvgAumFen: 600_000_000 },
];
const STORED = {
  effectiveFrom: '2026-08-01',
  tiers: thresholds(5_000_000, 50_000_000),
  downgradeAfterMonths: 3,
};
/** Gold easier, platinum harder, a shorter buffer: in force for November's close. */
const DRAFT = {
  effectiveFrom: '2026-11-01',
  tiers: thresholds(4_000_000, 60_000_000),
  downgradeAfterMonths: 2,
  note: '试算',
};

/** Histories around the thresholds of both policies, some moving already in October's close. */
const historyOf = (i: number): { amountFen: number; businessDate: string }[] => {
  const k = 1 + (i % 4) / 10;
  const patterns = [
    [[4_200_000, '2026-08-01']], // gold only under the draft
    [[52_000_000, '2026-09-01']], // platinum under the stored policy, gold under the draft
    [
      [58_000_000, '2026-08-01'],
      [-58_000_000, '2026-10-01'],
    ], // platinum, then nothing: the buffer decides
    [[9_000_000, '2026-11-10']], // gold in November either way
    [],
  ] as const;
  return movementsOfPattern(patterns, i, k);
};

beforeAll(async () => {
  process.env.OCRM_TIER_POLICY_CACHE_SECONDS = '0';
  const bank = await aBank({ customers: CUSTOMERS, now: NOW });
  ({ runtime, api } = bank);
  expect((await putAndApprove(api, 'admin', '/v1/tier-policy', STORED)).status).toBe(200);
  const customers = Array.from({ length: WITH_HISTORY }, (_, n) => id(n + 1));
  await customersWithBalances(bank, Object.fromEntries(customers.map((c, n) => [c, historyOf(n + 1)])));
  // October closed already (August and September caught up): standings with a history
  expect(await closeMonth(dynamoMonthCloseDeps(), { month: '2026-10' })).toMatchObject({ status: 'done' });
  // an admin of 北京分行 only: the preview is about the customers in the caller's scope
  const put = await api.put('admin', '/v1/staff/admin-bj', {
    name: '北京分行管理员',
    role: 'admin',
    orgId: 'BJ',
  });
  expect(put.status).toBeLessThan(300);
}, 240_000);
afterAll(() => runtime?.stop());

type Moves = { up: number; down: number };
const rank = (tier: Tier) => TIERS.indexOf(tier);

/** Each customer's tier as the close sees it: its standing, else the customer's own tier. */
const standings = async () => {
  const customers = await scanAll<Customer>(runtime, 'customers');
  const states = new Map(
    (await scanAll<TierStateRecord>(runtime, 'tier-state'))
      .filter((s) => s.key === 'STATE')
      .map((s) => [s.customerId, s]),
  );
  return customers.map((c) => ({
    customerId: c.customerId,
    branch: branchOfPath(c.orgPath),
    tier: states.get(c.customerId)?.tier ?? c.tier,
  }));
};

const closed = async (month: string) => {
  for (const deadline = Date.now() + 120_000; ;) {
    await runtime.drained();
    const progress = await api.get('admin', `/v1/tier-month-close/${month}`);
    if (progress.body?.status === 'done' || Date.now() > deadline) return progress.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const byBranch = (preview: TierPolicyPreview, pick: 'draft' | 'current') =>
  Object.fromEntries(preview.branches.map((b) => [b.orgId, b[pick]]));

describe('POST /v1/tier-policy/preview', () => {
  it('admits admins only', async () => {
    for (const login of ['rm-bj-cy-wj-01', 'bm-bj', 'marketing', 'auditor', 'core-banking']) {
      expect((await api.post(login, '/v1/tier-policy/preview', DRAFT)).status, login).toBe(403);
    }
    expect((await api.post(null, '/v1/tier-policy/preview', DRAFT)).status).toBe(401);
  });

  it('refuses a bad draft naming every failing field, and writes nothing', async () => {
    const before = await tableDigest(runtime);
    const response = await api.post('admin', '/v1/tier-policy/preview', {
      effectiveFrom: '2026-13-01',
      tiers: [
        { tier: 'standard', minAvgAumFen: 0 },
        { tier: 'gold', minAvgAumFen: -5 },
        { tier: 'platinum', minAvgAumFen: 1.5 },
      ],
      weights: { deposit: -1 },
      downgradeAfterMonths: 0,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const paths = (response.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.effectiveFrom',
        'body.tiers.1.minAvgAumFen',
        'body.tiers.2.minAvgAumFen',
        'body.weights.deposit',
        'body.downgradeAfterMonths',
      ]),
    );
    expect(await tableDigest(runtime)).toEqual(before);
  });

  it('counts what the next close then does under the approved draft, by branch, and writes nothing', async () => {
    const before = await tableDigest(runtime);
    const preview = await api.post<TierPolicyPreview>('admin', '/v1/tier-policy/preview', DRAFT);
    expect(preview.status).toBe(200);
    const figures = preview.body;
    console.log(
      `tier policy preview: ${figures.customers} customers read in ${figures.durationMs} ms; draft ${JSON.stringify(figures.draft)}, current ${JSON.stringify(figures.current)}`,
    );
    expect(await tableDigest(runtime)).toEqual(before);
    expect(figures).toMatchObject({
      month: '2026-11',
      complete: true,
      asOf: '2026-12-01',
      draftApplies: true,
    });
    expect(figures.customers).toBe(CUSTOMERS);
    // the draft changes something both ways, and differs from the policy as stored
    expect(figures.draft.up).toBeGreaterThan(0);
    expect(figures.draft.down).toBeGreaterThan(0);
    expect(figures.draft).not.toEqual(figures.current);
    expect(figures.branches.map((b) => b.name)).toEqual(expect.arrayContaining(['北京分行']));

    // an admin of one branch: that branch's row and nothing else
    const narrow = await api.post<TierPolicyPreview>('admin-bj', '/v1/tier-policy/preview', DRAFT);
    expect(narrow.status).toBe(200);
    expect(narrow.body.branches).toEqual(figures.branches.filter((b) => b.orgId === 'BJ'));
    expect(narrow.body.draft).toEqual(figures.branches.find((b) => b.orgId === 'BJ')!.draft);

    // approve the draft, then the close runs: every customer moves as the preview said
    const tiersBefore = new Map((await standings()).map((s) => [s.customerId, s.tier]));
    expect((await putAndApprove(api, 'admin', '/v1/tier-policy', DRAFT)).status).toBe(200);
    const after = await api.post<TierPolicyPreview>('admin', '/v1/tier-policy/preview', STORED);
    expect(after.body.current).toEqual(figures.draft); // the stored policy is now the draft
    const run = await runtime.schedules.run('tiering-month-close');
    expect(run?.ok, run?.error).toBe(true);
    expect(await closed('2026-11')).toMatchObject({ status: 'done', customers: CUSTOMERS });

    const moved: Record<string, Moves> = {};
    for (const s of await standings()) {
      const row = (moved[s.branch] ??= { up: 0, down: 0 });
      const was = rank(tiersBefore.get(s.customerId)!);
      if (rank(s.tier) > was) row.up++;
      if (rank(s.tier) < was) row.down++;
    }
    expect(byBranch(figures, 'draft')).toEqual(moved);
    const total = Object.values(moved).reduce((t, m) => ({ up: t.up + m.up, down: t.down + m.down }), {
      up: 0,
      down: 0,
    });
    expect(figures.draft).toEqual(total);

    // closed: the next close is December's, not over yet
    const next = await api.post<TierPolicyPreview>('admin', '/v1/tier-policy/preview', DRAFT);
    expect(next.body).toMatchObject({ month: '2026-12', complete: false });
  });
});
