import { http } from '#shared/http/http.js';
import { orgView, getOrgChildren as route } from '#shared/org/api.js';
import { orgChildren } from '#shared/org/manage.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';

const orgs = dynamoOrgStore();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: { items: (await orgChildren(orgs, ctx, params.orgId)).map(orgView) },
}));
