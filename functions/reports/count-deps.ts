// What the report counters' stream handlers read and write, built once per container.
import { dynamoReportAggregateStore } from '#shared/reports/dynamo-report-aggregates.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import type { CountDeps } from '#shared/reports/count.js';

export const countDeps = (): CountDeps => {
  const customers = dynamoCustomerStore();
  return {
    aggregates: dynamoReportAggregateStore(),
    customer: async (customerId) => {
      const c = await customers.get(customerId);
      return c && { name: c.name, tier: c.tier, orgPath: c.orgPath, managerId: c.managerId };
    },
  };
};
