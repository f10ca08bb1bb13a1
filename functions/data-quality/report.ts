import { http } from '#shared/http/http.js';
import { getDataQualityReport as route } from '#shared/reports/api.js';
import { dataQualityReport } from '#shared/reports/aggregates.js';
import { reportReply } from '#shared/reports/reply.js';
import { reportDeps } from '../reports/deps.js';

const deps = reportDeps();

export const handler = http(route, async ({ query, ctx }) =>
  reportReply(await dataQualityReport(deps, ctx.caller, query.orgId), query.format),
);
