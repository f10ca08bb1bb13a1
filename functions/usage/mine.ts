import { http } from '#shared/http/http.js';
import { getMyUsage as route } from '#shared/usage/api.js';
import { myUsage } from '#shared/usage/mine.js';
import { usageStandard } from '#shared/usage/report.js';
import { dynamoUsageStore } from '#shared/usage/dynamo-usage.js';
import { businessDateOf } from '#shared/clock.js';

const usage = dynamoUsageStore();

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await myUsage(
    usage,
    ctx.caller,
    query.month ?? businessDateOf(ctx.clock.now()).slice(0, 7),
    usageStandard(),
  ),
}));
