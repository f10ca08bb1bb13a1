// HTTP contracts of the management reports (管理报表), `GET /v1/reports/{report}?orgId=&period=`:
// each rolled up the org tree from aggregates the streams keep, each also `?format=csv`.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { OrgId } from '#shared/org/org-unit.js';
import { Period } from '#shared/performance/period.js';
import { REPORT_READERS } from './scope.js';
import { ReportFormat } from './reply.js';
import { ReportPeriod } from './period.js';
import { DQ_CHECKS } from '#shared/data-quality/score.js';
import { CampaignFunnel, CampaignSummary } from '#shared/campaigns/api.js';

const OrgParam = OrgId.optional().describe('an org unit in your subtree (default: your own)');

const PeriodQuery = z.strictObject({
  orgId: OrgParam,
  period: ReportPeriod.optional(),
  format: ReportFormat,
});

/** As-of-now reports: `period` is accepted for symmetry and ignored. */
const SnapshotQuery = PeriodQuery;

const csvNote = ' (`?format=csv` for CSV)';

/** A report's lines: the org unit's totals, a line per child unit, a line per RM below it. */
const reportLines = <Report extends string, Line extends z.ZodObject>(report: Report, line: Line) =>
  z.object({
    report: z.literal(report),
    orgId: z.string(),
    totals: line,
    orgs: z.array(line.extend({ orgId: z.string(), name: z.string() })),
    managers: z.array(line.extend({ staffId: z.string(), name: z.string(), orgId: z.string() })),
  });

/** A period report's lines: as above, with the unit's name and the period they cover. */
const periodReportLines = <Report extends string, Line extends z.ZodObject>(report: Report, line: Line) =>
  reportLines(report, line).extend({ orgName: z.string(), period: z.string() });

const DataQualityLine = z.object({
  customers: z.number(),
  averageScore: z.number().nullable(),
  complete: z.number(),
  gaps: z.record(z.enum(DQ_CHECKS), z.number()).describe('check → customers failing it'),
});

const TierLine = z.object({
  customers: z.number(),
  byTier: z.record(z.string(), z.number()).describe('tier → customers'),
});

export const getDataQualityReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/data-quality',
  summary: 'Data-quality score and gaps: the org unit, a league table of its units and RMs' + csvNote,
  auth: 'jwt',
  roles: REPORT_READERS,
  query: SnapshotQuery,
  response: reportLines('data-quality', DataQualityLine),
});

export const getTierDistributionReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/tier-distribution',
  summary: 'Customers per tier: the org unit, its units and its RMs' + csvNote,
  auth: 'jwt',
  roles: REPORT_READERS,
  query: SnapshotQuery,
  response: reportLines('tier-distribution', TierLine),
});

const Migration = z.object({
  upgrades: z.number(),
  downgrades: z.number(),
  moves: z.record(z.string(), z.number()).describe('`<from>-><to>` → customers'),
});

export const getTierMigrationReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/tier-migration',
  summary: 'Tier upgrades and downgrades (升降级) with the from → to matrix, by unit and RM' + csvNote,
  auth: 'jwt',
  roles: REPORT_READERS,
  query: PeriodQuery,
  response: periodReportLines('tier-migration', Migration),
});

const Flow = z.object({
  transactions: z.number(),
  inFen: z.number(),
  outFen: z.number(),
  netFen: z.number(),
});
const AumLine = Flow.extend({ byTier: z.record(z.string(), Flow) });

export const getAumChangeReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/aum-change',
  summary: 'AUM change (in, out, net) by tier, for the unit, its units and its RMs' + csvNote,
  auth: 'jwt',
  roles: REPORT_READERS,
  query: PeriodQuery,
  response: periodReportLines('aum-change', AumLine),
});

const Figures = z.object({ amountFen: z.number(), points: z.number(), count: z.number() });
const PerformanceLine = Figures.extend({ byCategory: z.record(z.string(), Figures) });

export const getPerformanceReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/performance',
  summary: 'Performance (业绩) by product category, for the unit, its units and its staff' + csvNote,
  auth: 'jwt',
  roles: REPORT_READERS,
  query: z.strictObject({
    orgId: OrgParam,
    period: Period.optional().describe('a day, month, quarter or year (default: this month)'),
    format: ReportFormat,
  }),
  response: periodReportLines('performance', PerformanceLine),
});

/** The campaigns' funnel counts summed (conversions and reasons are per campaign), with their rates. */
const FunnelLine = CampaignFunnel.omit({ converted: true, reasons: true }).extend({
  sentRatePct: z.number().nullable(),
  deliveredRatePct: z.number().nullable(),
});

export const getCampaignFunnelReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/campaign-funnel',
  summary: 'Campaign funnel (audience → suppressed → sent → delivered) of the subtree’s campaigns' + csvNote,
  auth: 'jwt',
  roles: REPORT_READERS,
  query: PeriodQuery,
  response: z.object({
    report: z.literal('campaign-funnel'),
    orgId: z.string(),
    orgName: z.string(),
    period: z.string(),
    totals: FunnelLine.extend({ campaigns: z.number() }),
    campaigns: z.array(FunnelLine.extend(CampaignSummary.shape)),
  }),
});
