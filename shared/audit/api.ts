// HTTP contract of the auditor's read of the audit trail (审计查询): `GET /v1/audit`, internal audit
// only, paginated, `?format=csv` for a download.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { CustomerId } from '#shared/customers/customer.js';
import { StaffId } from '#shared/staff/staff.js';
import { parseBound } from './trail.js';

const Bound = (edge: 'from' | 'to') =>
  z
    .string()
    .max(40)
    .transform((value, ctx) => {
      const ms = parseBound(value, edge);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'is not a date (YYYY-MM-DD, Asia/Shanghai) or an ISO 8601 date-time with an offset',
        });
        return z.NEVER;
      }
      return ms;
    });

export const AuditQuery = z
  .strictObject({
    ...PageQuery.shape,
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    customerId: CustomerId.optional().describe('entries about this customer'),
    staffId: StaffId.optional().describe('entries of what this staff member did'),
    action: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'an action such as customer.reveal')
      .max(64)
      .optional(),
    from: Bound('from').optional().describe('from this date (Asia/Shanghai) or instant, inclusive'),
    to: Bound('to').optional().describe('to this date (the whole day) or instant, inclusive'),
    format: z
      .enum(['json', 'csv'])
      .default('json')
      .describe(
        '`csv` downloads the page as CSV (text/csv, UTF-8 with BOM); the next cursor is in `x-next-cursor`',
      ),
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.to <= query.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
  });

export const AuditEntryView = z.object({
  auditId: z.string(),
  at: z.string(),
  actorId: z.string(),
  action: z.string(),
  entityKey: z.string(),
  customerId: z.string().optional(),
  correlationId: z.string(),
  changes: z
    .record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() }))
    .optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const getAuditTrail = defineRoute({
  method: 'GET',
  path: '/v1/audit',
  summary:
    'The audit trail, newest first: by customer, staff member, action and time range (internal audit only; `?format=csv` for CSV)',
  auth: 'jwt',
  roles: ['auditor'],
  query: AuditQuery,
  response: pageOf(AuditEntryView),
});
