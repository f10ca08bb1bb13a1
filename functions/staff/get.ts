import { http } from '#shared/http/http.js';
import { getStaff as route } from '#shared/staff/api.js';
import { getVisibleStaff, staffView } from '#shared/staff/manage.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';

const staff = dynamoStaffStore();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: staffView(await getVisibleStaff(staff, ctx, params.staffId)),
}));
