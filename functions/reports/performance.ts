import { http } from '#shared/http/http.js';
import { getPerformanceReport as route } from '#shared/reports/api.js';
import { performanceReport } from '#shared/reports/performance.js';
import { reportReply } from '#shared/reports/reply.js';
import { dynamoAggregateStore } from '#shared/performance/dynamo-aggregates.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { orgShards } from '#shared/performance/settings.js';
import { periodOr } from './deps.js';

const deps = { orgs: dynamoOrgStore(), performance: dynamoAggregateStore(), shards: orgShards() };

export const handler = http(route, async ({ query, ctx }) =>
  reportReply(
    await performanceReport(deps, ctx.caller, {
      orgId: query.orgId,
      period: periodOr(query.period, ctx.clock),
    }),
    query.format,
  ),
);
