// What the audit use cases are given: the log they append to, the index reads of the auditor's trail,
// and the archive bucket. DynamoDB adapters in dynamo-*.ts, the S3 one in s3-archive.ts.
import type { AuditEntry } from './audit.js';

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

/** The audit table's indexes the auditor reads (each partitioned by one attribute, sorted by auditId). */
export type AuditIndex = 'byCustomer' | 'byActor' | 'byAction' | 'byDay';

/** One Query of one index partition, newest first. */
export interface AuditIndexQuery {
  index: AuditIndex;
  partition: string;
  /** auditId bounds, inclusive (ULIDs: time first). */
  idFrom: string;
  idTo: string;
  /** Exact bounds on `at`: from inclusive, before exclusive (ISO 8601). */
  atFrom: string;
  atBefore: string;
  /** Attribute equalities applied as a filter. */
  filters: Partial<Record<'customerId' | 'actorId' | 'action', string>>;
  startKey?: Record<string, string>;
  /** Items to evaluate (before filtering). */
  limit: number;
}

export interface AuditIndexPage {
  items: AuditEntry[];
  /** Where to go on in this partition; absent when it is exhausted. */
  lastKey?: Record<string, string>;
}

export interface AuditTrailReader {
  query(query: AuditIndexQuery): Promise<AuditIndexPage>;
}

export interface ArchiveStore {
  /** Writes the object unless the key exists; never overwrites. */
  putOnce(key: string, body: string): Promise<'written' | 'exists'>;
}
