import { http } from '#shared/http/http.js';
import { listTriggerRules as route } from '#shared/monitoring/api.js';
import { listRules } from '#shared/monitoring/rules-admin.js';
import { dynamoRuleStore } from '#shared/monitoring/rule-store.js';

const rules = dynamoRuleStore();

export const handler = http(route, async () => ({ status: 200, body: await listRules(rules) }));
