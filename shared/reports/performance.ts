// 业绩报表: performance by product category for an org unit, its child units and its staff, from the
// aggregates the ledger stream keeps (performance capability): one batch read of the units' counter
// shards and one leaderboard-index query per branch the subtree spans.
import type { Caller } from '#shared/auth/caller.js';
import type { OrgStore } from '#shared/org/ports.js';
import { PRODUCT_CATEGORIES } from '#shared/products/product.js';
import { ZERO } from '#shared/performance/aggregate.js';
import type { AggregateStore, Totals } from '#shared/performance/ports.js';
import { EMPTY_TOTALS } from '#shared/performance/totals.js';
import { reportOrg } from './scope.js';

export interface PerformanceReportDeps {
  orgs: OrgStore;
  performance: AggregateStore;
  shards: number;
}

const row = (totals: Totals | undefined) => {
  const t = totals ?? EMPTY_TOTALS;
  return {
    ...t.total,
    byCategory: Object.fromEntries(PRODUCT_CATEGORIES.map((c) => [c, t.byCategory[c] ?? ZERO])),
  };
};

export const performanceReport = async (
  deps: PerformanceReportDeps,
  caller: Caller,
  query: { orgId?: string; period: string },
) => {
  const org = await reportOrg(deps.orgs, caller, query.orgId);
  const children = (await deps.orgs.children(org.orgId)).sort((a, b) => a.orgId.localeCompare(b.orgId));
  const branches =
    org.level === 'head_office' ? [org.orgId, ...children.map((c) => c.orgId)] : [org.branchId];
  const [units, board] = await Promise.all([
    deps.performance.orgTotals([org.orgId, ...children.map((c) => c.orgId)], query.period, deps.shards),
    deps.performance.board(branches, org.path, query.period),
  ]);
  return {
    report: 'performance' as const,
    orgId: org.orgId,
    orgName: org.name,
    period: query.period,
    totals: row(units.get(org.orgId)),
    orgs: children.map((c) => ({ orgId: c.orgId, name: c.name, ...row(units.get(c.orgId)) })),
    managers: board
      .map((b) => ({
        staffId: b.placement.staffId,
        name: b.placement.staffName,
        orgId: b.placement.orgId,
        ...row(b.totals),
      }))
      .filter((r) => r.count !== 0 || r.amountFen !== 0)
      .sort((a, b) => b.points - a.points || a.staffId.localeCompare(b.staffId)),
  };
};
