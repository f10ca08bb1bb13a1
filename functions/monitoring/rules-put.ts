import { http } from '#shared/http/http.js';
import { putTriggerRule as route } from '#shared/monitoring/api.js';
import { putRule } from '#shared/monitoring/rules-admin.js';
import { dynamoRuleStore } from '#shared/monitoring/rule-store.js';

const rules = dynamoRuleStore();

export const handler = http(route, async ({ params, body, ctx }) => {
  const { created, rule } = await putRule(rules, ctx, params.ruleId, body);
  return {
    status: created ? 201 : 200,
    body: rule,
    headers: { location: `/v1/trigger-rules/${rule.ruleId}` },
  };
});
