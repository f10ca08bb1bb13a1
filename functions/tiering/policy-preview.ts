import { http } from '#shared/http/http.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoCounterStore } from '#shared/tiering/counter-store.js';
import { dynamoMonthCloseStore } from '#shared/tiering/month-close-store.js';
import { dynamoPolicyStore } from '#shared/tiering/policy-store.js';
import { previewTierPolicy } from '#shared/tiering/policy-preview.js';
import { previewTierPolicy as route } from '#shared/tiering/preview-api.js';
import { dynamoTierStore } from '#shared/tiering/tier-store.js';

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
