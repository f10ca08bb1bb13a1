// The monitoring reports: a customer's fund flows, a subtree's net outflow to other banks, and the
// outcomes of the alerts raised in it. Scope: the caller's own subtree, or an org unit inside it
// (anything else is not found); a customer outside the caller's scope is not found either.
import { NotFound, ValidationFailed } from '#shared/errors.js';
import { canSeeOrgPath } from '#shared/auth/scope.js';
import type { RequestContext } from '#shared/request-context.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import { getVisibleCustomer } from '#shared/customers/read.js';
import { addMonths, monthOf, monthsFrom } from './days.js';
import { fundFlowView, netOutflowView } from './fund-flows.js';
import { outcomeReport } from './outcomes.js';
import type { ReportStore } from './ports.js';
import { businessDateOf } from '#shared/clock.js';

export const MAX_MONTHS = 24;

/** from/to months, defaulting to the last three months through this one; at most {@link MAX_MONTHS}. */
export const monthRange = (
  ctx: Pick<RequestContext, 'clock'>,
  from?: string,
  to?: string,
  defaultMonths = 3,
) => {
  const end = to ?? monthOf(businessDateOf(ctx.clock.now()));
  const start = from ?? addMonths(end, -(defaultMonths - 1));
  if (start > end) throw new ValidationFailed([{ path: 'query.from', message: 'must not be after to' }]);
  if (monthsFrom(start, end).length > MAX_MONTHS) {
    throw new ValidationFailed([
      { path: 'query.from', message: `the range is at most ${MAX_MONTHS} months` },
    ]);
  }
  return { from: start, to: end };
};

export const customerFundFlows = async (
  deps: { customers: CustomerStore; reports: ReportStore; ownBanks: ReadonlySet<string> },
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  customerId: string,
  query: { from?: string; to?: string },
) => {
  await getVisibleCustomer(deps.customers, ctx, customerId);
  const { from, to } = monthRange(ctx, query.from, query.to);
  const cells = await deps.reports.customerFlows(customerId, from, to);
  return fundFlowView(customerId, from, to, cells, deps.ownBanks);
};

/** The org unit a report is about: the one asked for, if in scope, else the caller's own. */
export const scopeOrg = async (orgs: OrgStore, ctx: Pick<RequestContext, 'caller'>, orgId?: string) => {
  const org = await orgs.get(orgId ?? ctx.caller.orgId);
  if (!org || !canSeeOrgPath(ctx.caller, org.path))
    throw new NotFound(`Org unit ${orgId ?? ctx.caller.orgId}`);
  return org;
};

/** The branch partitions a subtree's aggregates live in: its own branch, or all of them for the head office. */
const branchesOf = async (orgs: OrgStore, orgPath: string): Promise<string[]> => {
  const segments = orgPath.split('/').filter(Boolean);
  if (segments.length >= 2) return [segments[1]!];
  const root = segments[0]!;
  return [root, ...(await orgs.children(root)).map((o) => o.orgId)];
};

export const netOutflowReport = async (
  deps: { orgs: OrgStore; reports: ReportStore },
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  query: { orgId?: string; from?: string; to?: string },
) => {
  const org = await scopeOrg(deps.orgs, ctx, query.orgId);
  const { from, to } = monthRange(ctx, query.from, query.to);
  const branches = await branchesOf(deps.orgs, org.path);
  const records = (
    await Promise.all(
      monthsFrom(from, to).flatMap((month) => branches.map((b) => deps.reports.orgFlows(b, month, org.path))),
    )
  ).flat();
  return { orgName: org.name, ...netOutflowView({ orgId: org.orgId, orgPath: org.path }, from, to, records) };
};

export const alertOutcomeReport = async (
  deps: { orgs: OrgStore; reports: ReportStore },
  ctx: Pick<RequestContext, 'caller' | 'clock'>,
  query: { orgId?: string; from?: string; to?: string },
) => {
  const org = await scopeOrg(deps.orgs, ctx, query.orgId);
  const { from, to } = monthRange(ctx, query.from, query.to, 1);
  const branches = await branchesOf(deps.orgs, org.path);
  const cells = (
    await Promise.all(
      monthsFrom(from, to).flatMap((month) =>
        branches.map((b) => deps.reports.outcomeCells(b, month, org.path)),
      ),
    )
  ).flat();
  return { orgId: org.orgId, orgName: org.name, from, to, ...outcomeReport(cells) };
};
