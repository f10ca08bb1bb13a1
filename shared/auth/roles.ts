// Groups of roles the route contracts name, so that each route's `roles` reads as the bank says it.
// A route always names its roles: there is no "anyone signed in", which would include `integration`.
import { ROLES, type Role } from './caller.js';

/** Everyone signed in, upstream systems included: who am I, and product reference data. */
export const EVERY_ROLE: readonly Role[] = ROLES;

/** The bank's people, not the `integration` login: the org tree, staff, customers (masked), the library. */
export const STAFF: readonly Role[] = ['rm', 'branch_manager', 'marketing', 'admin', 'auditor'];

/** Who works a customer's relationship and its history, and internal audit reading it. */
export const RELATIONSHIP_READERS: readonly Role[] = ['rm', 'branch_manager', 'admin', 'auditor'];

/** What each role's scope is: which records of the bank it sees on the routes its role admits. */
export const SCOPE_RULES: Record<Role, string> = {
  rm: 'Their own customers (the customer’s `managerId`); org units and staff of their own org unit.',
  branch_manager: 'Everything below their org unit (the subtree).',
  marketing: 'Everything below their org unit (head office: the whole bank), customers masked.',
  admin: 'Everything below their org unit (head office: the whole bank).',
  integration:
    'Posts feeds (transactions, balances, inbound SMS, delivery receipts, performance); reads no customer data.',
  auditor: 'Everything below their org unit (head office: the whole bank), read-only, customers masked.',
};
