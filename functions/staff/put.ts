import { http } from '#shared/http/http.js';
import { putStaff as route } from '#shared/staff/api.js';
import { putStaff, staffView } from '#shared/staff/manage.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';

const deps = { staff: dynamoStaffStore(), orgs: dynamoOrgStore() };

export const handler = http(route, async ({ params, body, ctx }) => {
  const { created, staff } = await putStaff(deps, ctx, params.staffId, body);
  return { status: created ? 201 : 200, body: staffView(staff) };
});
