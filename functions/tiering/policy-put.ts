import { http } from '#shared/http/http.js';
import { putTierPolicy as route } from '#shared/tiering/api.js';
import { proposeTierPolicy } from '#shared/tiering/policy-admin.js';
import { dynamoPolicyChanges, dynamoPolicyStore } from '#shared/tiering/dynamo-policy.js';

const policies = dynamoPolicyStore();
const changes = dynamoPolicyChanges();

// 202: proposed, not in force; another admin approves it at the change's location
export const handler = http(route, async ({ body, ctx }) => {
  const change = await proposeTierPolicy(policies, changes, ctx, body);
  return {
    status: 202,
    body: change,
    headers: { location: `/v1/tier-policy-changes/${change.changeId}` },
  };
});
