// 工作平台: the caller's day in one request, every panel one or two key reads made side by side, no
// scans — their book by tier and this month's tier moves (counters), open alerts by due time (the
// alerts' byManager index), maturities in the next 14 days (maturities' byManager index), customers
// near a tier threshold (their tier standings, batch-read), campaigns running for their unit (the
// campaigns' byStatus index), this month's performance and rank (the leaderboard index), data-quality
// fixes (tier × gap order), and for a branch manager the subtree and the allocations to decide.
import type { Caller } from '#shared/auth/caller.js';
import { TIERS, type Tier } from '#shared/customers/customer.js';
import type { DataQualityStore, Aggregate } from '#shared/data-quality/ports.js';
import { fixPriority } from '#shared/data-quality/score.js';
import type { AllocationStore } from '#shared/allocations/ports.js';
import type { MaturityRecord } from '#shared/maturities/maturity.js';
import { addDays } from '#shared/maturities/maturity.js';
import { aggregateId, migrationOf, rmScope, tierKey } from '#shared/reports/counters.js';
import type { ReportAggregateStore } from '#shared/reports/ports.js';
import { rankRows } from '#shared/performance/leaderboard.js';
import { ZERO, type Figures } from '#shared/performance/aggregate.js';
import { branchOfPath } from '#shared/org/org-unit.js';

export interface WorkAlert {
  alertId: string;
  customerId: string;
  customerName: string;
  title: string;
  severity: string;
  status: string;
  dueAt: string;
  amountAtRiskFen: number;
}

export interface TierStanding {
  customerId: string;
  name: string;
  tier: Tier;
  nextTier?: Tier;
  nextThresholdFen?: number;
  gapToNextFen?: number;
  depositNeededFen?: number;
  projectedAvgAumFen?: number;
}

export interface CampaignTask {
  campaignId: string;
  name: string;
  scopeOrgId: string;
  status: string;
  startAt: string;
  endAt: string;
}

export interface BoardLine {
  staffId: string;
  figures: Figures;
}

/** Reads of other capabilities' stores, each one or two key reads (adapters in ./sources.ts). */
export interface WorkbenchSources {
  /** not-closed alerts of an RM, due first */
  openAlerts(managerId: string, limit: number): Promise<WorkAlert[]>;
  maturities(managerId: string, fromDate: string, toDate: string, limit: number): Promise<MaturityRecord[]>;
  /** the tier standing of each of an RM's customers */
  standings(managerId: string): Promise<TierStanding[]>;
  /** campaigns running or about to (approved) */
  activeCampaigns(): Promise<(CampaignTask & { scopeOrgPath: string })[]>;
  /** the caller's figures and their branch's staff figures, this period */
  performance(
    staffId: string,
    branchId: string,
    orgPath: string,
    period: string,
  ): Promise<{ mine: Figures; board: BoardLine[] }>;
}

export interface WorkbenchDeps {
  dataQuality: DataQualityStore;
  allocations: AllocationStore;
  reports: ReportAggregateStore;
  sources: WorkbenchSources;
}

export const MATURITY_DAYS = 14;
/** A customer is near the next tier when the projected average is within this share of its threshold. */
export const NEAR_THRESHOLD_PCT = 10;

const book = (a: Aggregate | undefined) => ({
  customers: a?.customers ?? 0,
  byTier: Object.fromEntries(
    TIERS.map((t) => [t, typeof a?.[`tier_${t}`] === 'number' ? a[`tier_${t}`] : 0]),
  ),
  dataQualityScore: a?.customers ? Math.round((a.scoreSum / a.customers) * 10) / 10 : null,
});

/** Pure: customers whose projected average is within {@link NEAR_THRESHOLD_PCT}% below the next tier, closest first. */
export const nearThreshold = (standings: readonly TierStanding[], limit: number, pct = NEAR_THRESHOLD_PCT) =>
  standings
    .filter(
      (s) =>
        s.gapToNextFen !== undefined &&
        s.nextThresholdFen !== undefined &&
        s.gapToNextFen > 0 &&
        s.gapToNextFen * 100 <= s.nextThresholdFen * pct,
    )
    .sort((a, b) => a.gapToNextFen! - b.gapToNextFen! || a.customerId.localeCompare(b.customerId))
    .slice(0, limit);

/** Pure: does a campaign reach the caller (it covers their unit, or, for a manager, lies in their subtree)? */
export const campaignReaches = (caller: Pick<Caller, 'orgPath' | 'role'>, scopeOrgPath: string) =>
  caller.orgPath.startsWith(scopeOrgPath) ||
  (caller.role === 'branch_manager' && scopeOrgPath.startsWith(caller.orgPath));

/** Pure: the caller's rank by points among their branch's staff (competition ranking; none with no figures). */
export const rankOf = (staffId: string, mine: Figures, board: readonly BoardLine[]) => {
  const rows = board
    .filter((b) => b.staffId !== staffId)
    .map((b) => ({ staffId: b.staffId, points: b.figures.points }));
  rows.push({ staffId, points: mine.points });
  const ranked = rankRows(
    rows,
    (r) => r.points,
    (r) => r.staffId,
  );
  return { rank: ranked.find((r) => r.staffId === staffId)!.rank, of: ranked.length };
};

export const readWorkbench = async (
  deps: WorkbenchDeps,
  caller: Caller,
  options: { today: string; fixes?: number; limit?: number },
) => {
  const manager = caller.role === 'branch_manager';
  const limit = options.limit ?? 20;
  const month = options.today.slice(0, 7);
  const scopes = [`rm#${caller.staffId}`, ...(manager ? [`org#${caller.orgId}`] : [])];
  const branchId = branchOfPath(caller.orgPath);
  const [aggregates, fixes, pending, moveCounts, moves, alerts, maturities, standings, campaigns, perf] =
    await Promise.all([
      deps.dataQuality.aggregates(scopes),
      deps.dataQuality.fixes(caller.staffId, options.fixes ?? 10),
      manager ? deps.allocations.listByStatus('pending', caller.orgPath, limit) : Promise.resolve(undefined),
      deps.reports.get([{ scope: rmScope(caller.staffId), key: tierKey(month) }]),
      deps.reports.moves(caller.staffId, month, limit),
      deps.sources.openAlerts(caller.staffId, limit),
      deps.sources.maturities(caller.staffId, options.today, addDays(options.today, MATURITY_DAYS), limit),
      deps.sources.standings(caller.staffId),
      deps.sources.activeCampaigns(),
      deps.sources.performance(
        caller.staffId,
        branchId,
        `/${caller.orgPath.split('/').filter(Boolean).slice(0, 2).join('/')}/`,
        month,
      ),
    ]);
  const movesThisMonth = migrationOf(
    moveCounts.get(aggregateId({ scope: rmScope(caller.staffId), key: tierKey(month) })),
  );
  const mine = perf.mine ?? ZERO;
  return {
    staffId: caller.staffId,
    role: caller.role,
    today: options.today,
    myCustomers: {
      ...book(aggregates.get(`rm#${caller.staffId}`)),
      tierMovesThisMonth: {
        upgrades: movesThisMonth.upgrades,
        downgrades: movesThisMonth.downgrades,
        recent: moves,
      },
    },
    ...(manager ? { subtree: { orgId: caller.orgId, ...book(aggregates.get(`org#${caller.orgId}`)) } } : {}),
    openAlerts: alerts,
    maturities: maturities.map((m) => ({
      customerId: m.customerId,
      maturityDate: m.maturityDate,
      productId: m.productId,
      productName: m.productName,
      category: m.category,
      amountFen: m.amountFen,
      registrationId: m.registrationId,
    })),
    nearTierThreshold: nearThreshold(standings, limit),
    campaignTasks: campaigns
      .filter((c) => campaignReaches(caller, c.scopeOrgPath))
      .map(({ scopeOrgPath: _path, ...task }) => task)
      .sort((a, b) => a.endAt.localeCompare(b.endAt))
      .slice(0, limit),
    performance: { period: month, ...mine, ...rankOf(caller.staffId, mine, perf.board) },
    dataQualityFixes: fixes.map((f) => ({
      customerId: f.customerId,
      name: f.name,
      tier: f.tier,
      score: f.score,
      gaps: f.gaps,
      priority: fixPriority(f.tier, f.score),
    })),
    ...(pending
      ? {
          allocationsToDecide: pending.items
            .filter((a) => a.requestedBy !== caller.staffId)
            .map((a) => ({
              allocationId: a.allocationId,
              requestedBy: a.requestedBy,
              requestedAt: a.requestedAt,
              toManagerId: a.toManagerId,
              reason: a.reason,
              customers: a.preview.customers,
            })),
        }
      : {}),
  };
};
