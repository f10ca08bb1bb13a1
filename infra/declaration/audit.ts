// Internal audit (内审): the auditor's read of the audit trail, and the trail's archive. The trail
// itself is the `audit` table (tables.ts), append-only for every function.
import type { FunctionDeclaration } from './types.js';
import { api, streamDefaults } from './functions.js';
import { getAuditTrail } from '#shared/audit/api.js';

export const auditFunctions: FunctionDeclaration[] = [
  api('audit-list', 'functions/audit/list.ts', [getAuditTrail], { audit: 'read' }),
  // The audit stream's only reader: each batch becomes one object in the Object Lock bucket. No
  // bisecting: a batch is retried whole, so its object key (first and last sequence) stays the same.
  {
    name: 'audit-archive',
    entry: 'functions/audit/archive.ts',
    memoryMb: 512,
    timeoutSeconds: 60,
    tables: {},
    writesAuditArchive: true,
    streams: [
      streamDefaults('audit', {
        batchSize: 1000,
        maxBatchingWindowSeconds: 5,
        bisectOnError: false,
        retryAttempts: 10,
      }),
    ],
  },
];
