// What the tiering use cases are given: small interfaces and the key-free records they speak. The
// DynamoDB adapters (dynamo-*.ts) add and strip their own keys (STATE, CLOSE#<month>, RUN, SEG#<n>);
// nothing here knows a table, a key or an attribute name.
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Tier } from '#shared/customers/customer.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { DecisionOutcome } from '#shared/maker-checker/ports.js';
import type { ChangeStore } from '#shared/maker-checker/ports.js';
import type { Change } from '#shared/maker-checker/ports.js';
import type { CounterTerms, MonthCounters } from './aum.js';
import type { Month } from './calendar.js';
import type { TierChange, TierChangeReason } from './tier-change.js';
import type { MonthCloseOutcome } from './decide-month-close.js';
import type { TierOutlook } from './decide-realtime.js';
import type { TierPolicy } from './policy.js';

// --- AUM counters -------------------------------------------------------------------------------

export interface CounterChange {
  customerId: string;
  /** The exactly-once key (claim-keys.ts): a transaction's, or a balance snapshot's. */
  claimKey: string;
  /** What the claim marker records (what was applied, when). */
  claim: Record<string, unknown>;
  /** Absent: only the claim is written (a snapshot that matched). */
  terms?: CounterTerms;
  /** Apply only if the month has seen exactly this many changes (the adjustment was computed from them). */
  expectedChanges?: number;
  /** Written in the same transaction. */
  audit?: AuditEntry;
}

export type ApplyOutcome =
  | { kind: 'applied' }
  /** Claimed before: nothing written; the claim there is returned. */
  | { kind: 'duplicate'; claim: Record<string, unknown> }
  /** The month changed since it was read (only with `expectedChanges`): nothing written. */
  | { kind: 'stale' };

export interface CounterStore {
  apply(change: CounterChange): Promise<ApplyOutcome>;
  /**
   * One customer's changes (distinct claim keys, no `expectedChanges`) in as few transactions as
   * they fit: each change's terms are written with its claim, and a change whose claim exists is
   * left out (`duplicate`) while the others go on. Outcomes in the order of the changes.
   */
  applyAll(changes: readonly CounterChange[]): Promise<ApplyOutcome[]>;
  /** Every month of the customer's counters, oldest first (consistent read). */
  read(customerId: string): Promise<MonthCounters[]>;
  /** The claims with these keys that exist. */
  claims(customerId: string, claimKeys: string[]): Promise<Map<string, Record<string, unknown>>>;
}

// --- tier policy --------------------------------------------------------------------------------

export interface PolicyStore {
  /** Every stored version, oldest first (the built-in default is version 0 and is not stored). */
  list(): Promise<TierPolicy[]>;
}

/** The newest stored version's number (0 when none is stored): a cache asks this before a full list. */
export interface PolicyVersionReader {
  latestVersion(): Promise<number>;
}

/** Proposed policies, and the approval that stores one as the next version. */
export interface PolicyChanges extends ChangeStore {
  /** Stores the version, the change as approved and the audit entry; 'stale' when the version is taken. */
  approve(policy: TierPolicy, approved: Change, audit: AuditEntry): Promise<DecisionOutcome>;
}

// --- tier standing and tier changes -------------------------------------------------------------

/** A customer's tier standing. */
export interface TierStateRecord {
  customerId: string;
  tier: Tier;
  /** Optimistic concurrency: every decision writes on the version it read. */
  version: number;
  firstClosed?: Month;
  closedThrough?: Month;
  /** Where the customer stands this month, as of their latest AUM change. */
  outlook?: TierOutlook;
  updatedAt: string;
}

/** What a view of many customers reads of a standing: its tier and outlook. */
export type StandingBrief = Pick<TierStateRecord, 'customerId' | 'tier' | 'outlook'>;

/** One customer's month closed, as decided (its average, the tier it qualifies for, before and after). */
export interface MonthCloseRecord extends Omit<MonthCloseOutcome, 'change'> {
  customerId: string;
  /** The change's rule, when the close changed the tier. */
  reason?: TierChangeReason;
  closedAt: string;
}

export type TierChangeTrigger =
  | { kind: 'transaction'; transactionId: string; businessDate: string }
  | { kind: 'balance_snapshot'; assetClass: string; businessDate: string }
  | { kind: 'month_close'; month: Month };

/** A tier change (客户升降级) as recorded: the decision's change, whose it was, when and what triggered it. */
export interface TierChangeRecord extends Omit<TierChange, 'from' | 'to'> {
  customerId: string;
  /** `<state version>.<n>` (ids.ts): sorts in decision order, and a retried decision lands on the same id. */
  changeId: string;
  at: string;
  businessDate: string;
  fromTier: Tier;
  toTier: Tier;
  trigger: TierChangeTrigger;
  /** The owner when it happened, for whoever reacts (an alert to the RM, a welcome SMS). */
  managerId?: string;
  orgId?: string;
  orgPath?: string;
}

export interface TierCommit {
  state: TierStateRecord;
  /** The version read; absent: there must be no state yet. */
  expectedVersion?: number;
  changes?: TierChangeRecord[];
  /** Sets customers.tier, on a customer that exists. */
  customerTier?: { customerId: string; tier: Tier; at: string };
}

export interface TierStore {
  getState(customerId: string): Promise<TierStateRecord | undefined>;
  /** The states of these customers that exist (consistent reads, batched). */
  getStates(customerIds: string[]): Promise<Map<string, TierStateRecord>>;
  /**
   * The tier and outlook of these customers' standings that exist (eventually consistent reads,
   * batched): for a view of many customers, such as an RM's workbench.
   */
  standings(customerIds: readonly string[]): Promise<Map<string, StandingBrief>>;
  /** Each customer's weighted balance (the outlook's `balanceFen`), where their standing has one. */
  balances(customerIds: readonly string[]): Promise<Map<string, number>>;
  /** `conflict`: something changed since it was read (the state, or the customer is gone); nothing written. */
  commit(commit: TierCommit): Promise<'committed' | 'conflict'>;
  /** Month-close records, written (over) as they are: before the state that says their month is closed. */
  putCloses(records: MonthCloseRecord[]): Promise<void>;
  history(customerId: string, limit: number, cursor?: PageKey): Promise<Page<TierChangeRecord>>;
  closes(customerId: string, limit: number): Promise<MonthCloseRecord[]>;
  /** Repairs customers.tier when it differs from the standing (a customer created after its first AUM). */
  syncCustomerTier(customerId: string, tier: Tier, at: string): Promise<void>;
}

// --- month-close runs ---------------------------------------------------------------------------

/** A month's close: its current pass, how many segments it is split into, and its totals once done. */
export interface MonthCloseRun {
  month: Month;
  pass: number;
  totalSegments: number;
  status: 'running' | 'done';
  startedAt: string;
  finishedAt?: string;
  customers?: number;
  monthsClosed?: number;
  changed?: number;
}

/** How far one segment of a pass has got: its checkpoint and its counts so far. */
export interface SegmentProgress {
  month: Month;
  segment: number;
  pass: number;
  status: 'running' | 'done';
  /** The scan's position after the last page done, as JSON; absent before the first. */
  lastKey?: string;
  customers: number;
  monthsClosed: number;
  changed: number;
  updatedAt: string;
}

export interface SegmentCounts {
  customers: number;
  monthsClosed: number;
  changed: number;
}

/** What a month close needs of a customer: read from the customers table by a parallel scan. */
export interface ClosingCustomer {
  customerId: string;
  tier: Tier;
  managerId?: string;
  orgId?: string;
  orgPath?: string;
}

export interface CustomerPage {
  customers: ClosingCustomer[];
  nextKey?: Record<string, unknown>;
}

export interface MonthCloseStore {
  getRun(month: Month): Promise<MonthCloseRun | undefined>;
  /** false: a run of the month exists already */
  createRun(run: MonthCloseRun): Promise<boolean>;
  /** Starts pass `pass` of a month whose pass `pass - 1` is done; false if someone else did. */
  startPass(month: Month, pass: number, totalSegments: number, at: string): Promise<boolean>;
  finishRun(month: Month, pass: number, totals: SegmentCounts, at: string): Promise<void>;
  segments(month: Month): Promise<SegmentProgress[]>;
  /** Creates the segment's progress for this pass unless it exists for it already. */
  openSegment(progress: SegmentProgress): Promise<void>;
  /** Moves a segment from `from` to `to` (done when `to` is absent); false if it was not at `from`. */
  checkpoint(
    month: Month,
    segment: number,
    pass: number,
    from: string | undefined,
    to: string | undefined,
    counts: SegmentCounts,
    at: string,
  ): Promise<boolean>;
  scanCustomers(
    segment: number,
    totalSegments: number,
    startKey: Record<string, unknown> | undefined,
    limit: number,
  ): Promise<CustomerPage>;
}

/** A segment task: "close segment n of pass p of this month", one invocation of the segment worker. */
export interface SegmentTask {
  taskId: string;
  month: Month;
  pass: number;
  segment: number;
  totalSegments: number;
  /** Who issued it: the coordinator's request id; continuations keep it and count up. */
  issueId: string;
  /** 0 from the coordinator, n for the n-th continuation of a worker out of time. */
  continuation: number;
  issuedAt: string;
  /** Time to live (epoch seconds): a task is spent once its invocation ran. */
  expiresAt: number;
}

export interface SegmentTaskQueue {
  /** Writes the tasks that do not exist yet (the same task issued twice starts one invocation). */
  issue(tasks: SegmentTask[]): Promise<void>;
}
