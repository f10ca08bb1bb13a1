// What the org use cases are given: the org units' store (DynamoDB adapter in dynamo-orgs.ts).
import type { AuditEntry } from '#shared/audit/audit.js';
import type { OrgUnit } from './org-unit.js';

export interface OrgStore {
  get(orgId: string): Promise<OrgUnit | undefined>;
  children(parentId: string): Promise<OrgUnit[]>;
  /** Creates (expectedUpdatedAt undefined) or replaces the version read; false on a lost race. */
  put(org: OrgUnit, audit: AuditEntry, expectedUpdatedAt?: string): Promise<boolean>;
}
