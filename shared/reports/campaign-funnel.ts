// 营销活动漏斗: each campaign of an org subtree that ran in the period, audience → suppressed → sent
// → delivered (failed beside), and the totals. Campaigns and their funnels are the campaigns
// capability's; this only reads them.
import type { Caller } from '#shared/auth/caller.js';
import type { OrgStore } from '#shared/org/ports.js';
import { decodeCursor, type PageKey } from '#shared/http/pagination.js';
import type { Campaign } from '#shared/campaigns/campaign.js';
import { reportOrg } from './scope.js';
import { monthsOf } from './period.js';

export interface Funnel {
  audience: number;
  queued: number;
  suppressed: number;
  sent: number;
  delivered: number;
  failed: number;
}

export interface CampaignFunnelDeps {
  orgs: OrgStore;
  /** campaigns whose scope lies in this subtree */
  campaigns(
    orgPath: string,
    limit: number,
    cursor?: PageKey,
  ): Promise<{ items: Campaign[]; nextCursor?: string }>;
  funnel(campaign: Campaign): Promise<Funnel>;
}

const STAGES = ['audience', 'queued', 'suppressed', 'sent', 'delivered', 'failed'] as const;

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** Did the campaign's schedule overlap the period (months, Asia/Shanghai dates compared by month)? */
export const ranIn = (campaign: Pick<Campaign, 'schedule'>, months: readonly string[]) => {
  const start = campaign.schedule.startAt.slice(0, 7);
  const end = campaign.schedule.endAt.slice(0, 7);
  return start <= months[months.length - 1]! && end >= months[0]!;
};

export const campaignFunnelReport = async (
  deps: CampaignFunnelDeps,
  caller: Caller,
  query: { orgId?: string; period: string },
) => {
  const org = await reportOrg(deps.orgs, caller, query.orgId);
  const months = monthsOf(query.period);
  const found: Campaign[] = [];
  let cursor: PageKey | undefined;
  do {
    const page = await deps.campaigns(org.path, 200, cursor);
    found.push(...page.items);
    cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
  } while (cursor);
  const started = found
    .filter((c) => c.startedAt !== undefined && ranIn(c, months))
    .sort((a, b) => a.campaignId.localeCompare(b.campaignId));
  const funnels = await Promise.all(started.map((c) => deps.funnel(c)));
  const totals = Object.fromEntries(
    STAGES.map((s) => [s, funnels.reduce((sum, f) => sum + f[s], 0)]),
  ) as Record<(typeof STAGES)[number], number>;
  const withRates = (f: Funnel) => ({
    ...Object.fromEntries(STAGES.map((s) => [s, f[s]])),
    sentRatePct: rate(f.sent, f.audience),
    deliveredRatePct: rate(f.delivered, f.sent),
  });
  return {
    report: 'campaign-funnel' as const,
    orgId: org.orgId,
    orgName: org.name,
    period: query.period,
    totals: { campaigns: started.length, ...withRates(totals) },
    campaigns: started.map((c, i) => ({
      campaignId: c.campaignId,
      name: c.name,
      scopeOrgId: c.scopeOrgId,
      status: c.status,
      startAt: c.schedule.startAt,
      endAt: c.schedule.endAt,
      ...withRates(funnels[i]!),
    })),
  };
};
