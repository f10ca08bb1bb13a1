// Internal audit (内审): the auditor's read of the audit trail. The trail itself is the `audit`
// table (tables.ts), append-only for every function.
import type { FunctionDeclaration } from './types.js';
import { api } from './functions.js';
import { getAuditTrail } from '#shared/audit/api.js';

export const auditFunctions: FunctionDeclaration[] = [
  api('audit-list', 'functions/audit/list.ts', [getAuditTrail], { audit: 'read' }),
];
