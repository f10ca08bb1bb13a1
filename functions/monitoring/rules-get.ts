import { http } from '#shared/http/http.js';
import { getTriggerRule as route } from '#shared/monitoring/api.js';
import { getRule } from '#shared/monitoring/rules-admin.js';
import { dynamoRuleStore } from '#shared/monitoring/dynamo-rules.js';

const rules = dynamoRuleStore();

export const handler = http(route, async ({ params }) => ({
  status: 200,
  body: await getRule(rules, params.ruleId),
}));
