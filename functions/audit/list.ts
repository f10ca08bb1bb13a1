import { http } from '#shared/http/http.js';
import { getAuditTrail as route } from '#shared/audit/api.js';
import { readAuditTrail } from '#shared/audit/trail.js';
import { dynamoAuditTrail } from '#shared/audit/dynamo-audit-trail.js';
import { auditTrailReply } from '#shared/audit/reply.js';

const trail = dynamoAuditTrail();

export const handler = http(route, async ({ query, ctx }) => {
  const now = ctx.clock.now();
  const page = await readAuditTrail(
    trail,
    {
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.staffId ? { staffId: query.staffId } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { before: query.to } : {}),
    },
    { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}), now: now.getTime() },
  );
  return auditTrailReply(page, query.format, now.toISOString().slice(0, 10));
});
