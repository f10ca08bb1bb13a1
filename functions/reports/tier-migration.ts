import { http } from '#shared/http/http.js';
import { getTierMigrationReport as route } from '#shared/reports/api.js';
import { tierMigrationReport } from '#shared/reports/aggregates.js';
import { reportReply } from '#shared/reports/reply.js';
import { periodOr, reportDeps } from './deps.js';

const deps = reportDeps();

export const handler = http(route, async ({ query, ctx }) =>
  reportReply(
    await tierMigrationReport(deps, ctx.caller, {
      orgId: query.orgId,
      period: periodOr(query.period, ctx.clock),
    }),
    query.format,
  ),
);
