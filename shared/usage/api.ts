// HTTP contract of the usage report.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
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
