// How a report leaves: JSON by default, CSV with `?format=csv` (the one way to ask, documented on
// every report route's query schema).
import * as z from 'zod';
import { reportCsv, type ReportLines } from './csv.js';

export const ReportFormat = z
  .enum(['json', 'csv'])
  .default('json')
  .describe('`csv` downloads the report as CSV (text/csv, UTF-8 with BOM), one line per row');

/** The sections a report may list below its totals, in CSV order, each line named by its `id` field. */
const SECTIONS = [
  { level: 'org', field: 'orgs', id: 'orgId' },
  { level: 'rm', field: 'managers', id: 'staffId' },
  { level: 'org', field: 'byOrg', id: 'orgId' },
  { level: 'staff', field: 'staff', id: 'staffId' },
  { level: 'campaign', field: 'campaigns', id: 'campaignId' },
  { level: 'rule', field: 'rules', id: 'ruleId' },
  { level: 'bank', field: 'byCounterpartyBank', id: 'counterpartyBank' },
  { level: 'month', field: 'byMonth', id: 'month' },
] as const;

export const reportReply = (report: ReportLines & Record<string, unknown>, format: 'json' | 'csv') =>
  format === 'csv'
    ? {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${report.report}-${report.orgId}${
            report.period || report.month ? `-${report.period ?? report.month}` : ''
          }.csv"`,
        },
        body: reportCsv(report, SECTIONS),
      }
    : { status: 200, body: report };
