// What maker-checker is given: where a capability keeps its pending changes, and the change itself.
// The DynamoDB adapter is dynamo-changes.ts.
import type { AuditEntry } from '#shared/audit/audit.js';

export type ChangeStatus = 'pending' | 'approved' | 'rejected';

export interface Change<P = unknown> {
  changeId: number;
  /** What it changes: `tier-policy`, or a trigger rule's id. */
  subject: string;
  /** The latest stored version of the subject when proposed (0: none stored yet). */
  baseVersion: number;
  /** The body of the PUT, as validated then. */
  proposal: P;
  status: ChangeStatus;
  proposedBy: string;
  proposedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** Why it was rejected. */
  reason?: string;
  /** The version its approval stored. */
  appliedVersion?: number;
}

export type DecisionOutcome = 'done' | 'decided-meanwhile' | 'stale';

/** Where a capability keeps its changes (the version writes of an approval are its own store's). */
export interface ChangeStore<P = unknown> {
  /** Changes with this status, newest first. */
  list(status: ChangeStatus): Promise<Change<P>[]>;
  get(changeId: number): Promise<Change<P> | undefined>;
  /** Stores a new change under the next id, with its audit entry (made for that id). */
  propose(change: Omit<Change<P>, 'changeId'>, audit: (changeId: number) => AuditEntry): Promise<Change<P>>;
  /** Records a rejection with its audit entry, unless the change was decided meanwhile. */
  reject(rejected: Change<P>, audit: AuditEntry): Promise<DecisionOutcome>;
}
