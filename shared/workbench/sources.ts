// The workbench's sources wired from the owners' ports (a composition root): an RM's book (customers),
// their tier standings (tiering), active campaigns (campaigns), performance aggregates, maturities,
// and the RM's open alerts (monitoring). Read only, key reads only.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import type { Tier } from '#shared/customers/customer.js';
import { dynamoCustomerRoster } from '#shared/customers/dynamo-customers.js';
import { dynamoCampaignStore } from '#shared/campaigns/dynamo-campaigns.js';
import { dynamoTierStore } from '#shared/tiering/dynamo-tiers.js';
import { dynamoAggregateStore } from '#shared/performance/dynamo-aggregates.js';
import { dynamoMaturityStore } from '#shared/maturities/dynamo-maturities.js';
import type { Alert } from '#shared/monitoring/alert.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import type { CampaignTask, TierStanding, WorkAlert, WorkbenchSources } from './workbench.js';

const workAlertOf = (alert: Alert): WorkAlert => {
  const i = alert as unknown as Record<string, unknown>;
  return {
    alertId: String(i.alertId),
    customerId: String(i.customerId),
    customerName: String(i.customerName ?? ''),
    title: String(i.title ?? ''),
    severity: String(i.severity ?? ''),
    status: String(i.status),
    dueAt: String(i.dueAt),
    amountAtRiskFen: Number(i.amountAtRiskFen ?? 0),
  };
};

export const dynamoWorkbenchSources = (
  client: DynamoDBDocumentClient = dynamoDocumentClient(),
): WorkbenchSources => {
  const maturities = dynamoMaturityStore(client);
  const alerts = dynamoAlertStore(client);
  const performance = dynamoAggregateStore(client);
  const roster = dynamoCustomerRoster(client);
  const tiers = dynamoTierStore(client);
  return {
    openAlerts: async (managerId, limit) => (await alerts.openOfManager(managerId, limit)).map(workAlertOf),

    maturities: (managerId, fromDate, toDate, limit) => maturities.due(managerId, fromDate, toDate, limit),

    async standings(managerId) {
      const customers = await roster.ofManager(managerId);
      const states = await tiers.standings(customers.map((c) => c.customerId));
      return customers.map((c): TierStanding => {
        const state = states.get(String(c.customerId));
        const outlook = (state?.outlook ?? {}) as Record<string, unknown>;
        const num = (k: string) => (typeof outlook[k] === 'number' ? { [k]: outlook[k] } : {});
        return {
          customerId: String(c.customerId),
          name: String(c.name ?? ''),
          tier: (state?.tier ?? c.tier) as Tier,
          ...(typeof outlook.nextTier === 'string' ? { nextTier: outlook.nextTier as Tier } : {}),
          ...num('nextThresholdFen'),
          ...num('gapToNextFen'),
          ...num('depositNeededFen'),
          ...num('projectedAvgAumFen'),
        };
      });
    },

    async activeCampaigns() {
      // built on use: the store names its table when built, and only this read needs it
      const campaigns = dynamoCampaignStore(client);
      const lists = await Promise.all(
        (['running', 'approved'] as const).map((status) => campaigns.byStatus(status)),
      );
      return lists.flat().map((campaign) => {
        const c = campaign as unknown as Record<string, unknown>;
        const schedule = (c.schedule ?? {}) as Record<string, unknown>;
        return {
          campaignId: String(c.campaignId),
          name: String(c.name),
          scopeOrgId: String(c.scopeOrgId),
          scopeOrgPath: String(c.scopeOrgPath),
          status: String(c.status),
          startAt: String(schedule.startAt ?? ''),
          endAt: String(schedule.endAt ?? ''),
        } satisfies CampaignTask & { scopeOrgPath: string };
      });
    },

    async performance(staffId, branchId, orgPath, period) {
      const [mine, board] = await Promise.all([
        performance.staffTotals(staffId, period),
        performance.board([branchId], orgPath, period),
      ]);
      return {
        mine: mine.total,
        board: board.map((b) => ({ staffId: b.placement.staffId, figures: b.totals.total })),
      };
    },
  };
};
