import { http } from '#shared/http/http.js';
import { getUsageReport as route } from '#shared/usage/api.js';
import { usageReport } from '#shared/usage/report.js';
import { dynamoUsageStore } from '#shared/usage/dynamo-usage.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { reportReply } from '#shared/reports/reply.js';
import { businessDateOf } from '#shared/clock.js';

const deps = { usage: dynamoUsageStore(), staff: dynamoStaffStore(), orgs: dynamoOrgStore() };

export const handler = http(route, async ({ query, ctx }) => {
  const month = query.month ?? query.period ?? businessDateOf(ctx.clock.now()).slice(0, 7);
  const report = await usageReport(deps, ctx.caller, {
    orgId: query.orgId,
    month,
    standard: query.standard,
  });
  return reportReply(report, query.format);
});
