import { http } from '#shared/http/http.js';
import { approveTierPolicyChange as route } from '#shared/tiering/api.js';
import { approveTierPolicy } from '#shared/tiering/policy-admin.js';
import { dynamoPolicyChanges, dynamoPolicyStore } from '#shared/tiering/dynamo-policy.js';

const policies = dynamoPolicyStore();
const changes = dynamoPolicyChanges();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await approveTierPolicy(policies, changes, ctx, params.changeId),
}));
