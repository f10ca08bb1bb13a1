// What the staff use cases are given: the staff store (DynamoDB adapter in dynamo-staff.ts).
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { Staff } from './staff.js';

export interface StaffStore {
  get(staffId: string): Promise<Staff | undefined>;
  /** Staff whose org path starts with `orgPath` (a subtree), a page at a time. */
  listInSubtree(orgPath: string, limit: number, cursor?: PageKey): Promise<Page<Staff>>;
  /** Staff of one org unit (the byOrg index): who an overdue alert goes to. */
  inOrg(orgId: string): Promise<Staff[]>;
  put(staff: Staff, audit: AuditEntry, expectedUpdatedAt?: string): Promise<boolean>;
}
