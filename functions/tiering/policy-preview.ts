import { http } from '#shared/http/http.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoCounterStore } from '#shared/tiering/dynamo-counters.js';
import { dynamoMonthCloseStore } from '#shared/tiering/dynamo-month-close.js';
import { dynamoPolicyStore } from '#shared/tiering/dynamo-policy.js';
import { previewTierPolicy } from '#shared/tiering/policy-preview.js';
import { previewTierPolicy as route } from '#shared/tiering/preview-api.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';

const stores = {
  counters: dynamoCounterStore(),
  tiers: dynamoTierStore(),
  policies: dynamoPolicyStore(),
  runs: dynamoMonthCloseStore(),
  orgs: dynamoOrgStore(),
};

// a what-if: reads every customer's standing in the caller's scope, writes nothing
export const handler = http(route, async ({ body, caller, ctx }) => ({
  status: 200,
  body: await previewTierPolicy({ ...stores, clock: ctx.clock }, caller, body),
}));
