import { http } from '#shared/http/http.js';
import { getTierDistributionReport as route } from '#shared/reports/api.js';
import { tierDistributionReport } from '#shared/reports/aggregates.js';
import { reportReply } from '#shared/reports/reply.js';
import { reportDeps } from './deps.js';

const deps = reportDeps();

export const handler = http(route, async ({ query, ctx }) =>
  reportReply(await tierDistributionReport(deps, ctx.caller, query.orgId), query.format),
);
