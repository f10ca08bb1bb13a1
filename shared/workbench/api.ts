// HTTP contract of the workbench.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { ROLES } from '#shared/auth/caller.js';
import { TIERS } from '#shared/customers/customer.js';
import { DQ_CHECKS } from '#shared/data-quality/score.js';
import { CampaignSummary } from '#shared/campaigns/api.js';

const Tier = z.enum(TIERS);
const Count = z.number().int();
/** Customers by tier, and their average data-quality score (null with no customers). */
const Book = z.object({
  customers: Count,
  byTier: z.record(z.string(), Count).describe('tier → customers'),
  dataQualityScore: z.number().nullable(),
});

const TierMove = z.object({
  customerId: z.string(),
  customerName: z.string().optional(),
  fromTier: Tier,
  toTier: Tier,
  direction: z.enum(['upgrade', 'downgrade']),
  at: z.string(),
  businessDate: z.string(),
});

export const WorkbenchView = z.object({
  staffId: z.string(),
  role: z.enum(ROLES),
  today: z.string(),
  myCustomers: Book.extend({
    tierMovesThisMonth: z.object({ upgrades: Count, downgrades: Count, recent: z.array(TierMove) }),
  }),
  /** a branch manager's whole subtree */
  subtree: Book.extend({ orgId: z.string() }).optional(),
  openAlerts: z.array(
    z.object({
      alertId: z.string(),
      customerId: z.string(),
      customerName: z.string(),
      title: z.string(),
      severity: z.string(),
      status: z.string(),
      dueAt: z.string(),
      amountAtRiskFen: z.number(),
    }),
  ),
  maturities: z.array(
    z.object({
      customerId: z.string(),
      maturityDate: z.string(),
      productId: z.string(),
      productName: z.string(),
      category: z.string(),
      amountFen: z.number(),
      registrationId: z.string(),
    }),
  ),
  nearTierThreshold: z.array(
    z.object({
      customerId: z.string(),
      name: z.string(),
      tier: Tier,
      nextTier: Tier.optional(),
      nextThresholdFen: z.number().optional(),
      gapToNextFen: z.number().optional(),
      depositNeededFen: z.number().optional(),
      projectedAvgAumFen: z.number().optional(),
    }),
  ),
  campaignTasks: z.array(CampaignSummary),
  performance: z.object({
    period: z.string(),
    amountFen: z.number(),
    points: z.number(),
    count: z.number(),
    rank: Count,
    of: Count,
  }),
  dataQualityFixes: z.array(
    z.object({
      customerId: z.string(),
      name: z.string(),
      tier: Tier,
      score: z.number(),
      gaps: z.array(z.enum(DQ_CHECKS)),
      priority: z.number(),
    }),
  ),
  /** a branch manager's pending allocations that someone else requested */
  allocationsToDecide: z
    .array(
      z.object({
        allocationId: z.string(),
        requestedBy: z.string(),
        requestedAt: z.string(),
        toManagerId: z.string(),
        reason: z.string(),
        customers: Count,
      }),
    )
    .optional(),
});

export const getWorkbench = defineRoute({
  method: 'GET',
  path: '/v1/workbench',
  summary:
    'The caller’s day: book by tier and tier moves, open alerts by due time, maturities in 14 days, ' +
    'customers near a tier threshold, campaign tasks, performance and rank, data-quality fixes, allocations to decide',
  auth: 'jwt',
  roles: ['rm', 'branch_manager'],
  query: z.strictObject({
    fixes: z.coerce.number().int().min(1).max(50).optional(),
    /** items per list panel (default 20) */
    limit: z.coerce.number().int().min(1).max(100).optional(),
  }),
  response: WorkbenchView,
});
