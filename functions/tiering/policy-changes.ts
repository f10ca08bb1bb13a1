import { http } from '#shared/http/http.js';
import { listTierPolicyChanges as route } from '#shared/tiering/api.js';
import { listTierPolicyChanges } from '#shared/tiering/policy-admin.js';
import { dynamoPolicyChanges } from '#shared/tiering/dynamo-policy.js';

const changes = dynamoPolicyChanges();

export const handler = http(route, async ({ query }) => ({
  status: 200,
  body: await listTierPolicyChanges(changes, query.status),
}));
