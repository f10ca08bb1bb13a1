// What the performance use cases are given: the ledger (entries, their idempotency keys, postings)
// and the aggregates the ledger stream keeps. DynamoDB adapters in dynamo-ledger.ts and
// dynamo-aggregates.ts.
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { ProductCategory } from '#shared/products/product.js';
import type { AggregateUpdate, BoardPlacement, Figures } from './aggregate.js';
import type { LedgerEntry, Posting } from './entry.js';

/** What an idempotency key points at. */
export interface EntryRef {
  refKey: string;
  entryId: string;
  /** Reversals: the reason given, so a retry can be told from a second, different reversal. */
  reason?: string;
  recordedAt: string;
  recordedBy: string;
}

export type AppendOutcome = { kind: 'written' } | { kind: 'taken'; ref: EntryRef };

export interface LedgerStore {
  entry(entryId: string): Promise<LedgerEntry | undefined>;
  ref(refKey: string): Promise<EntryRef | undefined>;
  /** Writes the entry under its key, unless the key is taken (then nothing is written). */
  append(entry: LedgerEntry, ref: EntryRef, postings: Posting[], audit?: AuditEntry): Promise<AppendOutcome>;
  /** A staff member's postings with business dates from..to (inclusive), oldest first. */
  postings(
    staffId: string,
    from: string,
    to: string,
    limit: number,
    cursor?: PageKey,
  ): Promise<Page<Posting>>;
  /** A customer's entries, newest first (for the customer timeline). */
  entriesOfCustomer(customerId: string, limit: number, cursor?: PageKey): Promise<Page<LedgerEntry>>;
}

export interface Totals {
  total: Figures;
  byCategory: Partial<Record<ProductCategory, Figures>>;
}

export interface BoardRow {
  placement: BoardPlacement;
  totals: Totals;
}

export interface ChunkToApply {
  entryId: string;
  chunk: number;
  chunks: number;
  updates: AggregateUpdate[];
  /** The org units' write shard for this entry. */
  shard: number;
}

export interface AggregateStore {
  /** `applied`, or `duplicate` when the chunk was claimed before (nothing written). */
  apply(chunk: ChunkToApply): Promise<'applied' | 'duplicate'>;
  /** Org units' figures in a period, their shards summed. */
  orgTotals(orgIds: string[], period: string, shards: number): Promise<Map<string, Totals>>;
  staffTotals(staffId: string, period: string): Promise<Totals>;
  /** Staff with figures in the period whose org path starts with `orgPath`, within these branches. */
  board(branchIds: string[], orgPath: string, period: string): Promise<BoardRow[]>;
}
