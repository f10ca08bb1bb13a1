import { http } from '#shared/http/http.js';
import { putTriggerRule as route } from '#shared/monitoring/api.js';
import { proposeRule } from '#shared/monitoring/rules-admin.js';
import { dynamoRuleChanges, dynamoRuleStore } from '#shared/monitoring/dynamo-rules.js';

const rules = dynamoRuleStore();
const changes = dynamoRuleChanges();

// 202: proposed, not in force; another admin approves it at the change's location
export const handler = http(route, async ({ params, body, ctx }) => {
  const outcome = await proposeRule(rules, changes, ctx, params.ruleId, body);
  if ('unchanged' in outcome) return { status: 200, body: outcome.unchanged };
  return {
    status: 202,
    body: outcome.change,
    headers: { location: `/v1/trigger-rule-changes/${outcome.change.changeId}` },
  };
});
