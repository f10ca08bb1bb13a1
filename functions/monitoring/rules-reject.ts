import { http } from '#shared/http/http.js';
import { rejectTriggerRuleChange as route } from '#shared/monitoring/api.js';
import { rejectRule } from '#shared/monitoring/rules-admin.js';
import { dynamoRuleChanges } from '#shared/monitoring/dynamo-rules.js';

const changes = dynamoRuleChanges();

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await rejectRule(changes, ctx, params.changeId, body.reason),
}));
