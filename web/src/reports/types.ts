// The reports' response types: the routes' response schemas are declared for the OpenAPI document
// only (their type is not kept on the contract), so each type is what the domain function answering
// the route returns (types only: nothing of the server is bundled).
import type {
  aumChangeReport,
  dataQualityReport,
  tierDistributionReport,
  tierMigrationReport,
} from '#shared/reports/aggregates.js';
import type { performanceReport } from '#shared/reports/performance.js';
import type { campaignFunnelReport, Funnel } from '#shared/reports/campaign-funnel.js';
import type { alertOutcomeReport, netOutflowReport } from '#shared/monitoring/reports.js';
import type { usageReport } from '#shared/usage/report.js';

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type TierDistribution = Answer<typeof tierDistributionReport>;
export type DataQuality = Answer<typeof dataQualityReport>;
export type Usage = Answer<typeof usageReport>;
export type TierMigration = Answer<typeof tierMigrationReport>;
export type AumChange = Answer<typeof aumChangeReport>;
export type Performance = Answer<typeof performanceReport>;
/** The funnel's stages are spread from `Funnel` through Object.fromEntries, which loses their names: put them back. */
export type FunnelLine = Funnel & { sentRatePct: number | null; deliveredRatePct: number | null };
type FunnelAnswer = Answer<typeof campaignFunnelReport>;
export type CampaignFunnel = Omit<FunnelAnswer, 'totals' | 'campaigns'> & {
  totals: FunnelAnswer['totals'] & FunnelLine;
  campaigns: (FunnelAnswer['campaigns'][number] & FunnelLine)[];
};
export type NetOutflow = Answer<typeof netOutflowReport>;
export type AlertOutcomes = Answer<typeof alertOutcomeReport>;
