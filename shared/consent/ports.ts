// What the consent use cases are given: the consent ledger's store (DynamoDB adapter in
// dynamo-consent-ledger.ts) and the grants and refusals it writes, each in one transaction.
import type { AuditEntry } from '#shared/audit/audit.js';
import type { PageKey } from '#shared/http/pagination.js';
import type { ConsentState, PhoneOptOut } from './consent.js';

export interface LedgerEntry {
  subject: string;
  entry: string;
  kind: 'consent' | 'opt_out' | 'opt_in';
  [field: string]: unknown;
}

/** A customer record holding a phone number (the customers table's byPhone index). */
export interface PhoneHolder {
  customerId: string;
  managerId?: string;
  orgPath: string;
}

/** A grant by the customer's own act, conditional on the versions read (undefined: no version read). */
export interface Grant {
  customers: { state: ConsentState; expectedVersion: number | undefined }[];
  /** The number's CURRENT as read; `optIn` lifts its opt-out. */
  phone?: { phone: string; expectedVersion: number | undefined; optIn?: PhoneOptOut };
  entryId: string;
  audits: AuditEntry[];
}

/** A refusal: customers' consents withdrawn and/or a number opted out. Always written. */
export interface Refusal {
  customers: ConsentState[];
  phone?: PhoneOptOut;
  entryId: string;
  audits: AuditEntry[];
}

/** A page of log entries, and the key the next page starts after when there may be more. */
export interface LogPage {
  items: LedgerEntry[];
  next?: PageKey;
}

export interface ConsentStore {
  consentOf(customerId: string): Promise<ConsentState | undefined>;
  phoneOf(phone: string): Promise<PhoneOptOut | undefined>;
  /** Both reads for many customers at once (the dispatcher's batch). */
  standings(
    customers: { customerId: string; phone?: string }[],
  ): Promise<{ consents: Map<string, ConsentState>; phones: Map<string, PhoneOptOut> }>;
  history(customerId: string, phone: string | undefined, limit: number): Promise<LedgerEntry[]>;
  /** Every customer record holding the number. */
  holdersOf(phone: string): Promise<PhoneHolder[]>;
  /** false when a version read has changed meanwhile (a refusal came first): nothing written. */
  grant(grant: Grant): Promise<boolean>;
  /** The same entry id again changes nothing (inbound replays): `duplicate`. */
  refuse(refusal: Refusal): Promise<'recorded' | 'duplicate'>;
}

/** What the customer timeline reads of the ledger. */
export interface ConsentLog {
  /** The customer subject's log entries (LOG#) newest first, at most `limit`, after the key `start`. */
  logOfCustomer(customerId: string, limit: number, start?: PageKey): Promise<LogPage>;
}
