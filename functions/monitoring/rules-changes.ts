import { http } from '#shared/http/http.js';
import { listTriggerRuleChanges as route } from '#shared/monitoring/api.js';
import { listRuleChanges } from '#shared/monitoring/rules-admin.js';
import { dynamoRuleChanges } from '#shared/monitoring/dynamo-rules.js';

const changes = dynamoRuleChanges();

export const handler = http(route, async ({ query }) => ({
  status: 200,
  body: await listRuleChanges(changes, query.status),
}));
