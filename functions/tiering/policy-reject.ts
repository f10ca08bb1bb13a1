import { http } from '#shared/http/http.js';
import { rejectTierPolicyChange as route } from '#shared/tiering/api.js';
import { rejectTierPolicy } from '#shared/tiering/policy-admin.js';
import { dynamoPolicyChanges } from '#shared/tiering/dynamo-policy.js';

const changes = dynamoPolicyChanges();

export const handler = http(route, async ({ params, body, ctx }) => ({
  status: 200,
  body: await rejectTierPolicy(changes, ctx, params.changeId, body.reason),
}));
