import { http } from '#shared/http/http.js';
import { businessDateOf } from '#shared/clock.js';
import { getTierPolicy as route } from '#shared/tiering/api.js';
import { readTierPolicy } from '#shared/tiering/policy-admin.js';
import { dynamoPolicyStore } from '#shared/tiering/dynamo-policy.js';

const policies = dynamoPolicyStore();

export const handler = http(route, async ({ query, ctx }) => ({
  status: 200,
  body: await readTierPolicy(policies, query.on ?? businessDateOf(ctx.clock.now())),
}));
