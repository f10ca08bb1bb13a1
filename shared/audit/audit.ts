// The audit log (审计日志): who did what to which record, when, through which request. Written in
// the same DynamoDB transaction as the change it records, so neither exists without the other.
// Sensitive values (phone, ID number) are recorded masked.
import { maskPhone } from '#shared/validation/phone.js';
import { maskResidentId } from '#shared/validation/resident-id.js';

export interface AuditEntry {
  entityKey: string;
  auditId: string;
  actorId: string;
  action: string;
  at: string;
  correlationId: string;
  changes?: Record<string, { before?: unknown; after?: unknown }>;
  detail?: Record<string, unknown>;
}

export interface AuditContext {
  actorId: string;
  correlationId: string;
  at: string;
  auditId: string;
}

const MASKS: Record<string, (value: string) => string> = { phone: maskPhone, idNumber: maskResidentId };

const maskValue = (field: string, value: unknown): unknown =>
  typeof value === 'string' && MASKS[field] ? MASKS[field](value) : value;

/** Field-by-field differences between two versions of a record, sensitive values masked. */
export const changesBetween = (
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  ignore: readonly string[] = ['updatedAt', 'version', 'createdAt'],
): AuditEntry['changes'] => {
  const changes: NonNullable<AuditEntry['changes']> = {};
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const field of fields) {
    if (ignore.includes(field)) continue;
    const was = before?.[field];
    const now = after[field];
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      changes[field] = { before: maskValue(field, was), after: maskValue(field, now) };
    }
  }
  return changes;
};

export const auditEntry = (
  context: AuditContext,
  entityKey: string,
  action: string,
  extra: Pick<AuditEntry, 'changes' | 'detail'> = {},
): AuditEntry => ({ entityKey, action, ...context, ...extra });
