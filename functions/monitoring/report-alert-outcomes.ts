import { http } from '#shared/http/http.js';
import { getAlertOutcomeReport as route } from '#shared/monitoring/reports-api.js';
import { alertOutcomeReport } from '#shared/monitoring/reports.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoReportStore } from '#shared/monitoring/dynamo-reports.js';
import { reportReply } from '#shared/reports/reply.js';

const deps = { orgs: dynamoOrgStore(), reports: dynamoReportStore() };

export const handler = http(route, async ({ query, ctx }) => {
  const report = await alertOutcomeReport(deps, ctx, query);
  if (query.format === 'json') return { status: 200, body: report };
  const { orgId, from, to, total, rows } = report;
  return reportReply(
    { report: 'alert-outcomes', orgId, period: `${from}_${to}`, totals: total, rules: rows },
    'csv',
  );
});
