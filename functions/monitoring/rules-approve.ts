import { http } from '#shared/http/http.js';
import { approveTriggerRuleChange as route } from '#shared/monitoring/api.js';
import { approveRule } from '#shared/monitoring/rules-admin.js';
import { dynamoRuleChanges, dynamoRuleStore } from '#shared/monitoring/dynamo-rules.js';

const rules = dynamoRuleStore();
const changes = dynamoRuleChanges();

// 201 when the approval creates the rule, 200 for a new version of one in force
export const handler = http(route, async ({ params, ctx }) => {
  const { created, rule } = await approveRule(rules, changes, ctx, params.changeId);
  return {
    status: created ? 201 : 200,
    body: rule,
    headers: { location: `/v1/trigger-rules/${rule.ruleId}` },
  };
});
