// How the audit trail leaves: entries as the contract shows them, JSON by default, CSV on request
// (one line an entry; changes and detail as JSON in one cell each, guarded like every CSV we write).
import { toCsv } from '#shared/reports/csv.js';
import type { Page } from '#shared/http/pagination.js';
import type { AuditEntry } from './audit.js';
import type { AuditEntryView } from './api.js';

export const auditEntryView = (entry: AuditEntry): AuditEntryView => ({
  auditId: entry.auditId,
  at: entry.at,
  actorId: entry.actorId,
  action: entry.action,
  entityKey: entry.entityKey,
  ...(entry.customerId ? { customerId: entry.customerId } : {}),
  correlationId: entry.correlationId,
  ...(entry.changes ? { changes: entry.changes } : {}),
  ...(entry.detail ? { detail: entry.detail } : {}),
});

const CSV_COLUMNS = [
  'at',
  'auditId',
  'actorId',
  'action',
  'entityKey',
  'customerId',
  'correlationId',
] as const;

export const auditTrailCsv = (entries: readonly AuditEntryView[]): string =>
  toCsv(
    entries.map((e) => ({
      ...Object.fromEntries(CSV_COLUMNS.map((c) => [c, e[c] ?? null])),
      changes: e.changes ? JSON.stringify(e.changes) : null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })),
    [...CSV_COLUMNS, 'changes', 'detail'],
  );

export const auditTrailReply = (page: Page<AuditEntry>, format: 'json' | 'csv', day: string) => {
  const items = page.items.map(auditEntryView);
  if (format === 'json')
    return { status: 200, body: { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  return {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${day}.csv"`,
      ...(page.nextCursor ? { 'x-next-cursor': page.nextCursor } : {}),
    },
    body: auditTrailCsv(items),
  };
};
