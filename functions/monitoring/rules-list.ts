import { http } from '#shared/http/http.js';
import { listTriggerRules as route } from '#shared/monitoring/api.js';
import { listRulesWithHits } from '#shared/monitoring/rules-list.js';
import { dynamoRuleStore } from '#shared/monitoring/dynamo-rules.js';
import { dynamoRuleHits } from '#shared/monitoring/dynamo-rule-hits.js';

const deps = { rules: dynamoRuleStore(), hits: dynamoRuleHits() };

export const handler = http(route, async ({ ctx }) => ({
  status: 200,
  body: await listRulesWithHits({ ...deps, clock: ctx.clock }),
}));
