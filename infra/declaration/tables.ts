// Every table, once. Keys and indexes follow the access patterns named beside them.
import type { TableDeclaration } from './types.js';

const S = 'S' as const;

export const tables: TableDeclaration[] = [
  // Org tree: head office → branch → city branch → sub-branch → outlet. Children by parent.
  {
    id: 'orgs',
    partitionKey: { name: 'orgId', type: S },
    globalIndexes: [
      { name: 'byParent', partitionKey: { name: 'parentId', type: S }, sortKey: { name: 'orgId', type: S } },
    ],
  },
  // Staff, by org unit.
  {
    id: 'staff',
    partitionKey: { name: 'staffId', type: S },
    globalIndexes: [
      { name: 'byOrg', partitionKey: { name: 'orgId', type: S }, sortKey: { name: 'staffId', type: S } },
    ],
  },
  // Customers: my customers (byManager), a branch subtree (byBranch: the top branch, then the org path),
  // the holders of a phone number (byPhone).
  {
    id: 'customers',
    partitionKey: { name: 'customerId', type: S },
    globalIndexes: [
      {
        name: 'byManager',
        partitionKey: { name: 'managerId', type: S },
        sortKey: { name: 'customerId', type: S },
      },
      {
        name: 'byBranch',
        partitionKey: { name: 'branchId', type: S },
        sortKey: { name: 'scopeKey', type: S },
      },
      // sparse: the customer records holding a number (an opt-out holds for every one of them)
      { name: 'byPhone', partitionKey: { name: 'phone', type: S }, sortKey: { name: 'customerId', type: S } },
    ],
    stream: 'NEW_AND_OLD_IMAGES',
  },
  // Audit log (审计日志): every write, and every read of a sensitive field, per entity in time order
  // (auditId is a ULID: time first). Append-only; its stream is archived to S3 under Object Lock.
  // The auditor's reads: by actor, by customer concerned, by action, by day (all sorted by auditId).
  {
    id: 'audit',
    partitionKey: { name: 'entityKey', type: S },
    sortKey: { name: 'auditId', type: S },
    globalIndexes: [
      { name: 'byActor', partitionKey: { name: 'actorId', type: S }, sortKey: { name: 'auditId', type: S } },
      {
        name: 'byCustomer',
        partitionKey: { name: 'customerId', type: S },
        sortKey: { name: 'auditId', type: S },
      },
      { name: 'byAction', partitionKey: { name: 'action', type: S }, sortKey: { name: 'auditId', type: S } },
      { name: 'byDay', partitionKey: { name: 'day', type: S }, sortKey: { name: 'auditId', type: S } },
    ],
    stream: 'NEW_IMAGE',
    appendOnly: true,
  },
  // Transactions from core banking and channels, idempotent per transactionId.
  {
    id: 'transactions',
    partitionKey: { name: 'transactionId', type: S },
    globalIndexes: [
      {
        name: 'byCustomer',
        partitionKey: { name: 'customerId', type: S },
        sortKey: { name: 'bookedKey', type: S },
      },
    ],
    stream: 'NEW_AND_OLD_IMAGES',
  },
  // Per-customer activity kept by the transactions stream (last activity, for dormancy and the 360).
  {
    id: 'customer-activity',
    partitionKey: { name: 'customerId', type: S },
  },
  // Usage marks (every authenticated request may write one): per staff member, day of use and
  // login (`M#<month>#<day>#<session>`).
  { id: 'usage', partitionKey: { name: 'staffId', type: S }, sortKey: { name: 'key', type: S } },
  // Dead-letter replays: one claim per dead letter and attempt, so a replay runs once.
  {
    id: 'dead-letter-replays',
    partitionKey: { name: 'deadLetterId', type: S },
    sortKey: { name: 'attempt', type: 'N' },
  },
];
