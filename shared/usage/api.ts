// HTTP contracts of usage: the report (managers, rolled up the org tree) and one's own (everyone).
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { STAFF } from '#shared/auth/roles.js';
import { OrgId } from '#shared/org/org-unit.js';
import { ROLES } from '#shared/auth/caller.js';
import { REPORT_READERS } from '#shared/reports/scope.js';
import { ReportFormat } from '#shared/reports/reply.js';

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

const Count = z.number().int();
const OrgUsage = z.object({
  orgId: z.string(),
  staff: Count,
  logins: Count,
  activeDays: Count,
  belowStandard: Count.describe('staff below the standard'),
});

export const UsageReport = z.object({
  report: z.literal('usage'),
  orgId: z.string(),
  month: z.string(),
  standard: Count,
  totals: OrgUsage,
  byOrg: z.array(OrgUsage).describe('every unit of the subtree with staff, rolled up'),
  staff: z.array(
    z.object({
      staffId: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      orgId: z.string(),
      logins: Count,
      activeDays: Count,
      belowStandard: z.boolean(),
    }),
  ),
  below: z.array(z.string()).describe('the staff ids below the standard'),
});

export const getUsageReport = defineRoute({
  method: 'GET',
  path: '/v1/reports/usage',
  summary:
    'Logins and days of use per staff member against the standard (12 a month), rolled up the org tree',
  auth: 'jwt',
  roles: REPORT_READERS,
  query: z.strictObject({
    orgId: OrgId.optional(),
    month: Month.optional(),
    /** `period` is the generic report parameter; `month` wins when both are given. */
    period: Month.optional(),
    standard: z.coerce.number().int().min(1).max(100).optional(),
    format: ReportFormat,
  }),
  response: UsageReport,
});

export const MyUsage = z.object({
  staffId: z.string(),
  month: z.string(),
  logins: z.number().int().describe('sign-ins this month (a token refresh is not one)'),
  activeDays: z.number().int(),
  standard: z.number().int().describe('the usage standard: logins a month (12 unless configured)'),
  belowStandard: z.boolean(),
});

export const getMyUsage = defineRoute({
  method: 'GET',
  path: '/v1/me/usage',
  summary:
    'The caller’s own logins and days of use in a month (default: this one) against the standard; nobody else’s',
  auth: 'jwt',
  roles: STAFF,
  query: z.strictObject({ month: Month.optional() }),
  response: MyUsage,
});
