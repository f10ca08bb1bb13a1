// Management reports from the counters the streams keep — data quality and tier mix (dq-aggregates,
// from the customers stream), tier migration and AUM change (report-aggregates, from the tier-changes
// and transactions streams). An org unit, its child units and the RMs below it: one BatchGet each,
// no customer is read to answer.
import type { Caller } from '#shared/auth/caller.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { Staff } from '#shared/staff/staff.js';
import type { OrgUnit } from '#shared/org/org-unit.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import { TIERS } from '#shared/customers/customer.js';
import { DQ_CHECKS, type DqCheck } from '#shared/data-quality/score.js';
import type { Aggregate, DataQualityStore } from '#shared/data-quality/ports.js';
import { reportOrg } from './scope.js';
import { aggregateId, aumKey, aumOf, migrationOf, orgScope, rmScope, sumItems, tierKey } from './counters.js';
import type { ReportAggregateStore } from './ports.js';
import { monthsOf } from './period.js';

export interface AggregateReportDeps {
  orgs: OrgStore;
  staff: StaffStore;
  dataQuality: DataQualityStore;
  reports?: ReportAggregateStore;
}

const rmsIn = async (store: StaffStore, orgPath: string): Promise<Staff[]> => {
  const out: Staff[] = [];
  let cursor: PageKey | undefined;
  do {
    const page = await store.listInSubtree(orgPath, 200, cursor);
    out.push(...page.items.filter((s) => s.role === 'rm' || s.role === 'branch_manager'));
    cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
  } while (cursor);
  return out;
};

/** The org unit a report is about (in the caller's subtree), its child units and the RMs below it. */
export const reportScope = async (
  deps: Pick<AggregateReportDeps, 'orgs' | 'staff'>,
  caller: Caller,
  orgId: string | undefined,
): Promise<{ org: OrgUnit; children: OrgUnit[]; staff: Staff[] }> => {
  const org = await reportOrg(deps.orgs, caller, orgId);
  const [children, staff] = await Promise.all([deps.orgs.children(org.orgId), rmsIn(deps.staff, org.path)]);
  return {
    org,
    children: children.sort((a, b) => a.orgId.localeCompare(b.orgId)),
    staff: staff.sort((a, b) => a.staffId.localeCompare(b.staffId)),
  };
};

const scopeRows = async (deps: AggregateReportDeps, caller: Caller, orgId: string | undefined) => {
  const { org, children, staff } = await reportScope(deps, caller, orgId);
  const scopes = [
    `org#${org.orgId}`,
    ...children.map((c) => `org#${c.orgId}`),
    ...staff.map((s) => `rm#${s.staffId}`),
  ];
  const aggregates = await deps.dataQuality.aggregates(scopes);
  const of = (scope: string): Aggregate =>
    aggregates.get(scope) ?? ({ customers: 0, scoreSum: 0 } as Aggregate);
  return { org, children, staff, of };
};

const n = (a: Aggregate, field: string) => (typeof a[field] === 'number' ? a[field] : 0);

const dqRow = (a: Aggregate) => ({
  customers: a.customers ?? 0,
  averageScore: a.customers ? Math.round((a.scoreSum / a.customers) * 10) / 10 : null,
  complete: n(a, 'complete'),
  // every check is a key (what the route's schema promises), though fromEntries types them as any string
  gaps: Object.fromEntries(DQ_CHECKS.map((c) => [c, n(a, `gap_${c}`)])) as Record<DqCheck, number>,
});

const byScoreDesc = (a: { averageScore: number | null }, b: { averageScore: number | null }) =>
  (b.averageScore ?? -1) - (a.averageScore ?? -1);

/** 数据质量: score and gaps for the org unit, a league table of its child units and of its RMs. */
export const dataQualityReport = async (deps: AggregateReportDeps, caller: Caller, orgId?: string) => {
  const { org, children, staff, of } = await scopeRows(deps, caller, orgId);
  return {
    report: 'data-quality' as const,
    orgId: org.orgId,
    totals: dqRow(of(`org#${org.orgId}`)),
    orgs: children
      .map((c) => ({ orgId: c.orgId, name: c.name, ...dqRow(of(`org#${c.orgId}`)) }))
      .sort(byScoreDesc),
    managers: staff
      .map((s) => ({ staffId: s.staffId, name: s.name, orgId: s.orgId, ...dqRow(of(`rm#${s.staffId}`)) }))
      .filter((r) => r.customers > 0)
      .sort(byScoreDesc),
  };
};

const tierRow = (a: Aggregate) => ({
  customers: a.customers ?? 0,
  byTier: Object.fromEntries(TIERS.map((t) => [t, n(a, `tier_${t}`)])),
});

/** 客户分层分布: customers per tier for the org unit, its child units and its RMs, as of now. */
export const tierDistributionReport = async (deps: AggregateReportDeps, caller: Caller, orgId?: string) => {
  const { org, children, staff, of } = await scopeRows(deps, caller, orgId);
  return {
    report: 'tier-distribution' as const,
    orgId: org.orgId,
    totals: tierRow(of(`org#${org.orgId}`)),
    orgs: children.map((c) => ({ orgId: c.orgId, name: c.name, ...tierRow(of(`org#${c.orgId}`)) })),
    managers: staff
      .map((s) => ({ staffId: s.staffId, name: s.name, orgId: s.orgId, ...tierRow(of(`rm#${s.staffId}`)) }))
      .filter((r) => r.customers > 0),
  };
};

/** Monthly counters (`<month>#tier` or `#aum`) of the unit, its children and its RMs, summed over the period. */
const periodRows = async (
  deps: AggregateReportDeps,
  caller: Caller,
  query: { orgId?: string; period: string },
  keyOf: (month: string) => string,
) => {
  if (!deps.reports) throw new Error('report counters are not wired into this function');
  const { org, children, staff } = await reportScope(deps, caller, query.orgId);
  const months = monthsOf(query.period);
  const scopes = [
    orgScope(org.orgId),
    ...children.map((c) => orgScope(c.orgId)),
    ...staff.map((s) => rmScope(s.staffId)),
  ];
  const keys = scopes.flatMap((scope) => months.map((m) => ({ scope, key: keyOf(m) })));
  const items = await deps.reports.get(keys);
  const of = (scope: string) => sumItems(months.map((m) => items.get(aggregateId({ scope, key: keyOf(m) }))));
  return { org, children, staff, of };
};

/** 客户升降级: upgrades, downgrades and the from → to matrix, for the unit, its units and its RMs. */
export const tierMigrationReport = async (
  deps: AggregateReportDeps,
  caller: Caller,
  query: { orgId?: string; period: string },
) => {
  const { org, children, staff, of } = await periodRows(deps, caller, query, tierKey);
  return {
    report: 'tier-migration' as const,
    orgId: org.orgId,
    orgName: org.name,
    period: query.period,
    totals: migrationOf(of(orgScope(org.orgId))),
    orgs: children.map((c) => ({ orgId: c.orgId, name: c.name, ...migrationOf(of(orgScope(c.orgId))) })),
    managers: staff
      .map((s) => ({
        staffId: s.staffId,
        name: s.name,
        orgId: s.orgId,
        ...migrationOf(of(rmScope(s.staffId))),
      }))
      .filter((r) => r.upgrades + r.downgrades > 0),
  };
};

/**
 * AUM变动: money in, out and net by the tier the customer held when it moved, for the unit, its units
 * and its RMs. Net is the change of the book's balances over the period (before balance snapshots).
 */
export const aumChangeReport = async (
  deps: AggregateReportDeps,
  caller: Caller,
  query: { orgId?: string; period: string },
) => {
  const { org, children, staff, of } = await periodRows(deps, caller, query, aumKey);
  return {
    report: 'aum-change' as const,
    orgId: org.orgId,
    orgName: org.name,
    period: query.period,
    totals: aumOf(of(orgScope(org.orgId))),
    orgs: children.map((c) => ({ orgId: c.orgId, name: c.name, ...aumOf(of(orgScope(c.orgId))) })),
    managers: staff
      .map((s) => ({ staffId: s.staffId, name: s.name, orgId: s.orgId, ...aumOf(of(rmScope(s.staffId))) }))
      .filter((r) => r.transactions > 0),
  };
};
