// HTTP contracts of customer tiering (客户分层): tier policy, balance snapshots, a customer's AUM and
// tier history, month-close progress.
import * as z from 'zod';
import { BalanceFen } from '#shared/validation/amount.js';
import { defineRoute } from '#shared/http/contract.js';
import { CustomerParams } from '#shared/customers/api.js';
import { STAFF } from '#shared/auth/roles.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { CustomerId, TIERS } from '#shared/customers/customer.js';
import { ASSET_CLASSES, BusinessDate } from '#shared/transactions/transaction.js';
import { isMonth } from './calendar.js';
import {
  ChangeListQuery,
  ChangeParams,
  changeList,
  changeView,
  RejectBody,
} from '#shared/maker-checker/change.js';
import { TIER_CHANGE_REASONS } from './tier-change.js';
import { TierPolicy } from './policy.js';
import { TierPolicyInput } from './policy-input.js';

const Fen = z.number().int();
const ByClass = z.record(z.enum(ASSET_CLASSES), Fen);
const Tier = z.enum(TIERS);
const MonthText = z.string().refine(isMonth, 'must be a month, YYYY-MM');

// --- tier policy --------------------------------------------------------------------------------

export const TierPolicyView = TierPolicy.extend({
  versions: z
    .array(
      TierPolicy.pick({ version: true, effectiveFrom: true, createdAt: true, createdBy: true, note: true }),
    )
    .describe('every stored version, newest first')
    .optional(),
});

export const getTierPolicy = defineRoute({
  method: 'GET',
  path: '/v1/tier-policy',
  summary: 'The tier policy in force today (or `on` a business date), with the list of versions',
  auth: 'jwt',
  roles: STAFF,
  query: z.strictObject({ on: BusinessDate.optional() }),
  response: TierPolicyView,
});

// Maker-checker: a PUT proposes, another admin approves (the next version is stored) or rejects.
const TierPolicyChange = changeView(TierPolicyInput);

export const putTierPolicy = defineRoute({
  method: 'PUT',
  path: '/v1/tier-policy',
  summary:
    'Propose a new version of the tier policy (in force from effectiveFrom once another admin approves it)',
  auth: 'jwt',
  roles: ['admin'],
  body: TierPolicyInput,
  response: TierPolicyChange,
  successStatus: 202,
});

export const listTierPolicyChanges = defineRoute({
  method: 'GET',
  path: '/v1/tier-policy-changes',
  summary: 'Proposed tier policy changes (pending by default), newest first',
  auth: 'jwt',
  roles: ['admin'],
  query: ChangeListQuery,
  response: changeList(TierPolicyInput),
});

export const approveTierPolicyChange = defineRoute({
  method: 'POST',
  path: '/v1/tier-policy-changes/{changeId}/approve',
  summary:
    'Another admin than the maker approves: the proposal is stored as the next version (409 if a newer version was stored since it was proposed)',
  auth: 'jwt',
  roles: ['admin'],
  params: ChangeParams,
  response: TierPolicy,
});

export const rejectTierPolicyChange = defineRoute({
  method: 'POST',
  path: '/v1/tier-policy-changes/{changeId}/reject',
  summary: 'Another admin than the maker rejects the proposal, with a reason',
  auth: 'jwt',
  roles: ['admin'],
  params: ChangeParams,
  body: RejectBody,
  response: TierPolicyChange,
});

// --- balance snapshots ----------------------------------------------------------------------------

export const BalanceSnapshot = z.strictObject({
  customerId: CustomerId,
  assetClass: z.enum(ASSET_CLASSES),
  /** the end of this business day (Asia/Shanghai) */
  businessDate: BusinessDate,
  balanceFen: BalanceFen,
});
export type BalanceSnapshot = z.infer<typeof BalanceSnapshot>;

export const MAX_SNAPSHOTS = 100;
export const snapshotKey = (s: Pick<BalanceSnapshot, 'customerId' | 'assetClass' | 'businessDate'>) =>
  `${s.customerId}|${s.assetClass}|${s.businessDate}`;

export const BalanceBatch = z
  .strictObject({ balances: z.array(BalanceSnapshot).min(1).max(MAX_SNAPSHOTS) })
  .superRefine(({ balances }, ctx) => {
    const seen = new Map<string, number>();
    balances.forEach((snapshot, i) => {
      const first = seen.get(snapshotKey(snapshot));
      if (first === undefined) seen.set(snapshotKey(snapshot), i);
      else if (balances[first]!.balanceFen !== snapshot.balanceFen) {
        ctx.addIssue({
          code: 'custom',
          path: ['balances', i, 'balanceFen'],
          message: `differs from balances.${first}`,
        });
      }
    });
  });
export type BalanceBatch = z.infer<typeof BalanceBatch>;

export const SnapshotResult = z.object({
  customerId: z.string(),
  assetClass: z.enum(ASSET_CLASSES),
  businessDate: z.string(),
  balanceFen: Fen,
  status: z.enum(['matched', 'adjusted', 'duplicate']),
  /** our end-of-day balance before reconciling */
  countedFen: Fen,
  /** what the snapshot added to make them agree */
  adjustmentFen: Fen,
});
export type SnapshotResult = z.infer<typeof SnapshotResult>;

export const postBalances = defineRoute({
  method: 'POST',
  path: '/v1/balances',
  summary:
    'End-of-day balance snapshots (opening balances too): set and reconcile; idempotent per customer, asset class and date',
  auth: 'jwt',
  roles: ['integration', 'admin'],
  body: BalanceBatch,
  response: z.object({ items: z.array(SnapshotResult) }),
});

// --- a customer's AUM and tier ------------------------------------------------------------------

const MonthFigures = z.object({
  month: z.string(),
  daysInMonth: z.number(),
  /** days counted: all for a past month, through today for this one */
  days: z.number(),
  complete: z.boolean(),
  policyVersion: z.number(),
  /** weighted month-daily-average AUM (日均AUM) over the days counted */
  avgAumFen: Fen,
  /** unweighted daily average per asset class over the days counted */
  byAssetClass: ByClass,
  closingBalanceFen: ByClass,
});

export const CustomerAumView = z.object({
  customerId: z.string(),
  asOf: z.string(),
  /** end-of-day balance today per asset class, and their sum and weighted sum */
  balances: ByClass,
  totalBalanceFen: Fen,
  weightedBalanceFen: Fen,
  monthToDate: MonthFigures.extend({ projectedAvgAumFen: Fen }),
  months: z.array(MonthFigures).describe('closed months, newest first'),
  tier: z.object({
    current: Tier,
    guaranteed: Tier,
    projected: Tier,
    nextTier: Tier.optional(),
    nextThresholdFen: Fen.optional(),
    gapToNextFen: Fen.optional(),
    depositNeededFen: Fen.optional(),
    closedThrough: z.string().optional(),
    policyVersion: z.number(),
  }),
});
export type CustomerAumView = z.infer<typeof CustomerAumView>;

export const getCustomerAum = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}/aum',
  summary:
    'Month-daily-average AUM: month to date, the last `months` closed months, balances now, tier outlook',
  auth: 'jwt',
  roles: STAFF,
  params: CustomerParams,
  query: z.strictObject({ months: z.coerce.number().int().min(0).max(24).default(3) }),
  response: CustomerAumView,
});

const TierChangeView = z.object({
  changeId: z.string(),
  at: z.string(),
  businessDate: z.string(),
  fromTier: Tier,
  toTier: Tier,
  direction: z.enum(['upgrade', 'downgrade']),
  reason: z.enum(TIER_CHANGE_REASONS),
  month: z.string(),
  avgAumFen: Fen,
  thresholdFen: Fen,
  policyVersion: z.number(),
  explanation: z.string(),
  trigger: z.record(z.string(), z.unknown()),
});

const MonthCloseView = z.object({
  month: z.string(),
  policyVersion: z.number(),
  avgAumFen: Fen,
  qualifies: Tier,
  tierBefore: Tier,
  tierAfter: Tier,
  belowMonths: z.number(),
  reason: z.enum(TIER_CHANGE_REASONS).optional(),
  closedAt: z.string(),
});

export const getTierHistory = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}/tier-history',
  summary:
    'Tier changes, newest first, each with its reason, average, threshold and policy; and the last month closes',
  auth: 'jwt',
  roles: STAFF,
  params: CustomerParams,
  query: PageQuery,
  response: pageOf(TierChangeView).extend({
    closes: z.array(MonthCloseView).describe('the last 12 month closes, newest first'),
  }),
});

// --- month close --------------------------------------------------------------------------------

export const MonthCloseProgress = z.object({
  month: z.string(),
  pass: z.number(),
  status: z.enum(['running', 'done']),
  totalSegments: z.number(),
  segmentsDone: z.number(),
  customers: z.number().describe('customers processed so far in this pass'),
  monthsClosed: z.number(),
  changed: z.number().describe('tier changes made'),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  segments: z.array(
    z.object({
      segment: z.number(),
      status: z.enum(['running', 'done']),
      customers: z.number(),
      monthsClosed: z.number(),
      changed: z.number(),
      updatedAt: z.string(),
    }),
  ),
});
export type MonthCloseProgress = z.infer<typeof MonthCloseProgress>;

export const getMonthClose = defineRoute({
  method: 'GET',
  path: '/v1/tier-month-close/{month}',
  summary: 'Progress of the month close of a month (segments, customers, tier changes)',
  auth: 'jwt',
  roles: ['admin'],
  params: z.object({ month: MonthText }),
  response: MonthCloseProgress,
});
