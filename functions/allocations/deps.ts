// The stores every allocation handler uses, built once per container.
import { dynamoAllocationStore, dynamoBalanceReader } from '#shared/allocations/store.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoCustomerLogStore } from '#shared/timeline/customer-log.js';
import { dynamoHandover } from '#shared/allocations/handover.js';
import type { AllocationDeps } from '#shared/allocations/allocate.js';

export const allocationDeps = (): AllocationDeps => ({
  allocations: dynamoAllocationStore(),
  customers: dynamoCustomerStore(),
  orgs: dynamoOrgStore(),
  staff: dynamoStaffStore(),
  log: dynamoCustomerLogStore(),
  balances: dynamoBalanceReader(),
  handover: dynamoHandover(),
});
