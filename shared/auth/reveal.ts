// Who may see a customer's raw phone and ID number (a reveal: with a purpose, audited). Everyone
// else who may read the customer works on masked data: marketing and internal audit among them.
import type { Caller } from './caller.js';
import { permissionsOf } from './permissions.js';
import { atHeadOffice, type ScopedRecord } from './scope.js';

/**
 * The customer's own RM; a branch manager of the subtree the customer sits in; a head-office role
 * holding `customers:reveal` (admin). Nobody else, whatever else they may read.
 */
export const mayReveal = (caller: Caller, customer: ScopedRecord): boolean => {
  switch (caller.role) {
    case 'rm':
      return customer.managerId === caller.staffId;
    case 'branch_manager':
      return customer.orgPath.startsWith(caller.orgPath);
    default:
      return (
        permissionsOf(caller.role).includes('customers:reveal') &&
        atHeadOffice(caller) &&
        customer.orgPath.startsWith(caller.orgPath)
      );
  }
};

/** The rule in words, for docs/security.md. */
export const REVEAL_RULE =
  'Raw phone and ID numbers (`GET /v1/customers/{customerId}?reveal=phone,idNumber&purpose=…`, audited as ' +
  '`customer.reveal`) only to the customer’s own RM, a branch manager of the subtree the customer sits in, ' +
  'and a head-office role holding `customers:reveal` (admin). Every other role gets 403 and works on masked data; ' +
  'a refused reveal is audited as `customer.reveal-refused` with the purpose given and the reason.';
