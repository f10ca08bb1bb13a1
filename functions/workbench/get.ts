import { http } from '#shared/http/http.js';
import { getWorkbench as route } from '#shared/workbench/api.js';
import { readWorkbench } from '#shared/workbench/workbench.js';
import { dynamoWorkbenchSources } from '#shared/workbench/sources.js';
import { dynamoDataQualityStore } from '#shared/data-quality/dynamo-data-quality.js';
import { dynamoReportAggregateStore } from '#shared/reports/dynamo-report-aggregates.js';
import { dynamoAllocationStore } from '#shared/allocations/dynamo-allocations.js';
import { businessDateOf } from '#shared/clock.js';

const deps = {
  dataQuality: dynamoDataQualityStore(),
  allocations: dynamoAllocationStore(),
  reports: dynamoReportAggregateStore(),
  sources: dynamoWorkbenchSources(),
};

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await readWorkbench(deps, ctx.caller, {
    today: businessDateOf(ctx.clock.now()),
    fixes: query.fixes,
    limit: query.limit,
  }),
}));
