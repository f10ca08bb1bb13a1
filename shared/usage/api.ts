// HTTP contracts of usage: the report (managers, rolled up the org tree) and one's own (everyone).
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { STAFF } from '#shared/auth/roles.js';
import { OrgId } from '#shared/org/org-unit.js';
import { REPORT_READERS } from '#shared/reports/scope.js';
import { ReportFormat } from '#shared/reports/reply.js';

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

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
