import { http } from '#shared/http/http.js';
import { getNetOutflowReport as route } from '#shared/monitoring/api.js';
import { netOutflowReport } from '#shared/monitoring/reports.js';
import { dynamoReportStore } from '#shared/monitoring/report-store.js';
import { dynamoOrgStore } from '#shared/org/store.js';

const deps = { orgs: dynamoOrgStore(), reports: dynamoReportStore() };

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await netOutflowReport(deps, ctx, query),
}));
