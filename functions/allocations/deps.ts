// The stores every allocation handler uses, built once per container.
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoOrgStore } from '#shared/org/dynamo-orgs.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoAllocationStore } from '#shared/allocations/dynamo-allocations.js';
import { dynamoCustomerLogStore } from '#shared/timeline/dynamo-customer-log.js';
import { dynamoBalanceReader, dynamoHandover } from '#shared/allocations/deps.js';
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
