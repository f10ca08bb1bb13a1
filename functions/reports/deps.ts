import { dynamoReportAggregateStore } from '#shared/reports/dynamo-report-aggregates.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoDataQualityStore } from '#shared/data-quality/dynamo-data-quality.js';
import type { AggregateReportDeps } from '#shared/reports/aggregates.js';
import { businessDateOf, type Clock } from '#shared/clock.js';

export const reportDeps = (): AggregateReportDeps => ({
  orgs: dynamoOrgStore(),
  staff: dynamoStaffStore(),
  dataQuality: dynamoDataQualityStore(),
  reports: dynamoReportAggregateStore(),
});

/** The period asked for, else this business month (Asia/Shanghai). */
export const periodOr = (period: string | undefined, clock: Clock): string =>
  period ?? businessDateOf(clock.now()).slice(0, 7);
