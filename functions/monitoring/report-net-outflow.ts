import { http } from '#shared/http/http.js';
import { getNetOutflowReport as route } from '#shared/monitoring/reports-api.js';
import { netOutflowReport } from '#shared/monitoring/reports.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoReportStore } from '#shared/monitoring/dynamo-reports.js';
import { reportReply } from '#shared/reports/reply.js';

const deps = { orgs: dynamoOrgStore(), reports: dynamoReportStore() };

export const handler = http(route, async ({ query, ctx }) => {
  const report = await netOutflowReport(deps, ctx, query);
  if (query.format === 'json') return { status: 200, body: report };
  return reportReply({ report: 'net-outflow', period: `${report.from}_${report.to}`, ...report }, 'csv');
});
