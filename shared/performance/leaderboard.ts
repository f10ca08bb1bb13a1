// 业绩排行: staff of an org subtree and its child units ranked by points, amount or count in a
// period, with the caller's own standing. Read from the aggregates the ledger stream keeps: one
// index query per branch the subtree spans, and one batch read of the units' counter shards.
import { ValidationFailed } from '#shared/errors.js';
import type { RequestContext } from '#shared/request-context.js';
import { encodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { OrgStore } from '#shared/org/ports.js';
import { getVisibleOrg } from '#shared/org/manage.js';
import type { ProductCategory } from '#shared/products/product.js';
import type { Metric } from './api.js';
import { ZERO, type Figures } from './aggregate.js';
import type { AggregateStore, Totals } from './ports.js';
import { currentMonth } from './period.js';
import { CREDITABLE_ROLES } from './rules.js';

export interface LeaderboardQuery {
  orgId?: string;
  period?: string;
  metric: Metric;
  category?: ProductCategory;
  limit: number;
  cursor?: PageKey;
}

export const metricValue = (figures: Figures, metric: Metric): number =>
  metric === 'points' ? figures.points : metric === 'amount' ? figures.amountFen : figures.count;

/** Competition ranking (1, 2, 2, 4): ties share a rank and are listed by the tiebreak key. */
export const rankRows = <T>(rows: readonly T[], value: (row: T) => number, tiebreak: (row: T) => string) => {
  const sorted = [...rows].sort((a, b) => {
    const difference = value(b) - value(a);
    if (difference !== 0) return difference;
    const [x, y] = [tiebreak(a), tiebreak(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || value(row) !== value(sorted[i - 1]!)) rank = i + 1;
    return { rank, ...row };
  });
};

const isZero = (f: Figures) => f.amountFen === 0 && f.points === 0 && f.count === 0;

export const leaderboard = async (
  deps: { aggregates: AggregateStore; orgs: OrgStore },
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  query: LeaderboardQuery,
  shards: number,
) => {
  const { caller } = ctx;
  const offset = offsetOf(query.cursor);
  const org = await getVisibleOrg(deps.orgs, ctx, query.orgId ?? caller.orgId);
  const period = query.period ?? currentMonth(ctx.clock.now());
  const childrenRead = deps.orgs
    .children(org.orgId)
    .then((units) => units.sort((a, b) => (a.orgId < b.orgId ? -1 : 1)));
  // Staff aggregates are indexed per branch: a subtree inside a branch is one query (made at once),
  // the head office one per branch (its direct children) plus one for its own staff.
  const boardRead =
    org.level === 'head_office'
      ? childrenRead.then((units) =>
          deps.aggregates.board([org.orgId, ...units.map((c) => c.orgId)], org.path, period),
        )
      : deps.aggregates.board([org.branchId], org.path, period);
  const totalsRead = childrenRead.then((units) =>
    deps.aggregates.orgTotals([org.orgId, ...units.map((c) => c.orgId)], period, shards),
  );
  const [children, board, unitTotals] = await Promise.all([childrenRead, boardRead, totalsRead]);
  const pick = (totals: Totals | undefined): Figures =>
    !totals ? ZERO : query.category ? (totals.byCategory[query.category] ?? ZERO) : totals.total;
  const value = (row: Figures) => metricValue(row, query.metric);

  const staffRows = board
    .map(({ placement, totals }) => ({
      staffId: placement.staffId,
      name: placement.staffName,
      orgId: placement.orgId,
      ...pick(totals),
    }))
    .filter((row) => !isZero(row));
  const ranked = rankRows(staffRows, value, (r) => r.staffId);
  const page = ranked.slice(offset, offset + query.limit);
  // the caller's own standing, for those who earn credit and work in the subtree
  const inSubtree = caller.orgPath.startsWith(org.path) && CREDITABLE_ROLES.includes(caller.role);
  const me =
    ranked.find((r) => r.staffId === caller.staffId) ??
    (inSubtree
      ? {
          rank: 1 + ranked.filter((r) => value(r) > 0).length,
          staffId: caller.staffId,
          name: caller.name,
          orgId: caller.orgId,
          ...ZERO,
        }
      : undefined);

  const units = rankRows(
    children.map((child) => ({ orgId: child.orgId, name: child.name, ...pick(unitTotals.get(child.orgId)) })),
    value,
    (r) => r.orgId,
  );
  const myChild = children.find((c) => caller.orgPath.startsWith(c.path));
  const myUnit = myChild && units.find((u) => u.orgId === myChild.orgId);

  return {
    orgId: org.orgId,
    period,
    metric: query.metric,
    ...(query.category ? { category: query.category } : {}),
    total: pick(unitTotals.get(org.orgId)),
    items: page,
    ...(offset + query.limit < ranked.length
      ? { nextCursor: encodeCursor({ offset: offset + query.limit }) }
      : {}),
    ...(me ? { me } : {}),
    units,
    ...(myUnit ? { myUnit } : {}),
  };
};

const offsetOf = (cursor: PageKey | undefined): number => {
  if (!cursor) return 0;
  const offset = cursor.offset;
  if (
    Object.keys(cursor).length !== 1 ||
    typeof offset !== 'number' ||
    !Number.isInteger(offset) ||
    offset < 0
  ) {
    throw new ValidationFailed([{ path: 'query.cursor', message: 'belongs to another list' }]);
  }
  return offset;
};
