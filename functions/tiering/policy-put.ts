import { http } from '#shared/http/http.js';
import { putTierPolicy as route } from '#shared/tiering/api.js';
import { putTierPolicy } from '#shared/tiering/policy-admin.js';
import { dynamoPolicyStore } from '#shared/tiering/policy-store.js';

const policies = dynamoPolicyStore();

export const handler = http(route, async ({ body, ctx }) => ({
  status: 200,
  body: await putTierPolicy(policies, ctx, body),
}));
