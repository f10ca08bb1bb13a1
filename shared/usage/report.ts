// 系统使用报表: logins and days of use per staff member in a month, against the standard
// (登录次数标准, 12 logins a month unless configured), rolled up the org tree; who is below it.
import type { Caller } from '#shared/auth/caller.js';
import type { OrgStore } from '#shared/org/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { Staff } from '#shared/staff/staff.js';
import type { PageKey } from '#shared/http/pagination.js';
import { decodeCursor } from '#shared/http/pagination.js';
import { reportOrg, rollupOrgIds } from '#shared/reports/scope.js';
import { usageOf } from './session.js';
import type { UsageStore } from './ports.js';

export const DEFAULT_USAGE_STANDARD = 12;

export const usageStandard = (env: NodeJS.ProcessEnv = process.env): number => {
  const configured = Number(env.OCRM_USAGE_STANDARD_LOGINS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_USAGE_STANDARD;
};

export interface UsageReportDeps {
  usage: UsageStore;
  staff: StaffStore;
  orgs: OrgStore;
}

export interface StaffUsageRow {
  staffId: string;
  name: string;
  role: string;
  orgId: string;
  logins: number;
  activeDays: number;
  belowStandard: boolean;
}

export interface OrgUsageRow {
  orgId: string;
  staff: number;
  logins: number;
  activeDays: number;
  belowStandard: number;
}

const allStaff = async (store: StaffStore, orgPath: string): Promise<Staff[]> => {
  const out: Staff[] = [];
  let cursor: PageKey | undefined;
  do {
    const page = await store.listInSubtree(orgPath, 200, cursor);
    out.push(...page.items);
    cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
  } while (cursor);
  return out;
};

export const usageReport = async (
  deps: UsageReportDeps,
  caller: Caller,
  query: { orgId?: string; month: string; standard?: number },
) => {
  const org = await reportOrg(deps.orgs, caller, query.orgId);
  const standard = query.standard ?? usageStandard();
  // People who use the workbench; integration logins are systems.
  const people = (await allStaff(deps.staff, org.path)).filter((s) => s.active && s.role !== 'integration');
  const rows: StaffUsageRow[] = [];
  for (let i = 0; i < people.length; i += 25) {
    const chunk = people.slice(i, i + 25);
    const usages = await Promise.all(chunk.map((s) => deps.usage.month(s.staffId, query.month)));
    chunk.forEach((s, j) => {
      const { logins, activeDays } = usageOf(usages[j]!, query.month);
      rows.push({
        staffId: s.staffId,
        name: s.name,
        role: s.role,
        orgId: s.orgId,
        logins,
        activeDays,
        belowStandard: logins < standard,
      });
    });
  }
  rows.sort((a, b) => a.staffId.localeCompare(b.staffId));
  const byOrg = new Map<string, OrgUsageRow>();
  for (const [row, person] of rows.map((r) => [r, people.find((p) => p.staffId === r.staffId)!] as const)) {
    for (const orgId of rollupOrgIds(person.orgPath, org.path)) {
      const agg = byOrg.get(orgId) ?? { orgId, staff: 0, logins: 0, activeDays: 0, belowStandard: 0 };
      agg.staff += 1;
      agg.logins += row.logins;
      agg.activeDays += row.activeDays;
      agg.belowStandard += row.belowStandard ? 1 : 0;
      byOrg.set(orgId, agg);
    }
  }
  return {
    report: 'usage' as const,
    orgId: org.orgId,
    month: query.month,
    standard,
    totals: byOrg.get(org.orgId) ?? {
      orgId: org.orgId,
      staff: 0,
      logins: 0,
      activeDays: 0,
      belowStandard: 0,
    },
    byOrg: [...byOrg.values()].sort((a, b) => a.orgId.localeCompare(b.orgId)),
    staff: rows,
    below: rows.filter((r) => r.belowStandard).map((r) => r.staffId),
  };
};
