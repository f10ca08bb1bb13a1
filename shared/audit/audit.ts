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
  /** The customer the entry concerns, when there is one (index `byCustomer`). */
  customerId?: string;
  /** The UTC day of `at`, `YYYY-MM-DD` (index `byDay`: an auditor's time-range reads). */
  day?: string;
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

/** Entity keys whose id is a customer's: `customer#C0000001`, `aum#C0000001`. */
const CUSTOMER_ENTITY = /^(?:customer|aum)#(.+)$/;

/** The customer an entry concerns: named by its entity key, else by `detail.customerId`. */
export const customerOfEntry = (
  entityKey: string,
  detail: Record<string, unknown> | undefined,
): string | undefined => {
  const fromKey = CUSTOMER_ENTITY.exec(entityKey)?.[1];
  if (fromKey) return fromKey;
  return typeof detail?.customerId === 'string' && detail.customerId !== '' ? detail.customerId : undefined;
};

export const auditEntry = (
  context: AuditContext,
  entityKey: string,
  action: string,
  extra: Pick<AuditEntry, 'changes' | 'detail'> = {},
): AuditEntry => {
  const customerId = customerOfEntry(entityKey, extra.detail);
  return {
    entityKey,
    action,
    ...context,
    ...extra,
    ...(customerId ? { customerId } : {}),
    day: context.at.slice(0, 10),
  };
};
