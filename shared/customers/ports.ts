// What the customer use cases are given: the customers store (DynamoDB adapter in dynamo-customers.ts)
// and the filter a customer list speaks.
import type { AuditEntry } from '#shared/audit/audit.js';
import type { Page, PageKey } from '#shared/http/pagination.js';
import type { Customer } from './customer.js';

export interface CustomerFilter {
  /** Only customers whose org path starts with this (the caller's scope or a requested org). */
  orgPath: string;
  managerId?: string;
  tier?: string;
  riskLevel?: string;
  /** Holds this tag. */
  tag?: string;
  /**
   * Name contains, or the customer id: starts with it where the whole table is read (head office),
   * equals it inside a branch or a book (an index query may not filter on the table's key).
   */
  q?: string;
}

export interface CustomerStore {
  get(customerId: string): Promise<Customer | undefined>;
  list(filter: CustomerFilter, limit: number, cursor?: PageKey): Promise<Page<Customer>>;
  put(customer: Customer, audit: AuditEntry, expectedVersion?: number): Promise<boolean>;
}

/** What a view of an RM's book reads of each customer: who, and their tier as the customer record has it. */
export type CustomerBrief = Pick<Customer, 'customerId' | 'name' | 'tier'>;

export interface CustomerRoster {
  /** Every customer an RM manages (the whole book, not a page), briefly. */
  ofManager(managerId: string): Promise<CustomerBrief[]>;
}
