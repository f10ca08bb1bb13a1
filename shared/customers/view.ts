// What a customer looks like to a reader: internal keys dropped, phone and ID number masked unless revealed.
import { maskPhone } from '#shared/validation/phone.js';
import { maskResidentId } from '#shared/validation/resident-id.js';
import type { Customer } from './customer.js';

export type Revealable = 'phone' | 'idNumber';

export const customerView = (customer: Customer, reveal: readonly Revealable[] = []) => {
  const { orgPath: _orgPath, branchId: _branchId, scopeKey: _scopeKey, phone, idNumber, ...rest } = customer;
  return {
    ...rest,
    ...(phone ? { phone: reveal.includes('phone') ? phone : maskPhone(phone) } : {}),
    ...(idNumber ? { idNumber: reveal.includes('idNumber') ? idNumber : maskResidentId(idNumber) } : {}),
  };
};
export type CustomerView = ReturnType<typeof customerView>;
