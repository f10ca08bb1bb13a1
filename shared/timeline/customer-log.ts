// A customer's own log (客户日志): what the RM and the bank did with the customer that no other
// table records — contacts the RM logged, transfers between RMs. Keyed `at#id`, so a customer's
// entries sort in time order and a timeline reads them newest first with one Query (the DynamoDB
// adapter is dynamo-customer-log.ts).
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Page, PageKey } from '#shared/http/pagination.js';

export const CONTACT_CHANNELS = ['phone', 'visit', 'branch', 'wechat', 'sms', 'email', 'video'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

interface LogEntryBase {
  customerId: string;
  /** `<at ISO>#<id>`: the sort key, time order. */
  entryId: string;
  at: string;
}

export interface ContactEntry extends LogEntryBase {
  kind: 'contact';
  contactId: string;
  channel: ContactChannel;
  note: string;
  outcome?: string;
  staffId: string;
  createdAt: string;
}

export interface TransferEntry extends LogEntryBase {
  kind: 'transfer';
  allocationId: string;
  fromManagerId: string;
  toManagerId: string;
  requestedBy: string;
  approvedBy: string;
  reason: string;
}

export type LogEntry = ContactEntry | TransferEntry;

export const logEntryId = (at: string, id: string): string => `${at}#${id}`;

export interface CustomerLogStore {
  /** A new entry with its audit entry; false when the entry exists already (a retry). */
  addWithAudit(entry: LogEntry, audit: AuditEntry): Promise<boolean>;
  /** Idempotent overwrite (transfers written again by a resumed approval land on the same key). */
  put(entry: LogEntry): Promise<void>;
  /** Newest first. */
  list(
    customerId: string,
    limit: number,
    cursor?: PageKey,
    kind?: LogEntry['kind'],
  ): Promise<Page<LogEntry> & { lastKey?: PageKey }>;
}
