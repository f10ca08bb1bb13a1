// HTTP contracts for performance (业绩): registration from every channel, reversal, entries of a
// staff member, and leaderboards.
import * as z from 'zod';
import { AmountFen } from '#shared/validation/amount.js';
import { defineRoute } from '#shared/http/contract.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { CustomerId } from '#shared/customers/customer.js';
import { StaffId } from '#shared/staff/staff.js';
import { OrgId } from '#shared/org/org-unit.js';
import { PRODUCT_CATEGORIES, ProductId } from '#shared/products/product.js';
import { CreditRecord, LedgerEntryRecord, PERFORMANCE_CHANNELS } from './entry.js';
import { Period } from './period.js';

/** A single sale above 10 亿 CNY is not retail; the cap also keeps every sum a safe integer. */
export const MAX_AMOUNT_FEN = 100_000_000_000;
export const MAX_CREDITS = 20;

export const EntryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -, at most 64');

const Credit = z.strictObject({
  staffId: StaffId,
  /** Whole percent; the shares of a registration total exactly 100. */
  sharePct: z.number().int('must be a whole percent').min(1).max(100),
});

export const Credits = z
  .array(Credit)
  .min(1)
  .max(MAX_CREDITS)
  .superRefine((credits, ctx) => {
    const total = credits.reduce((sum, c) => sum + c.sharePct, 0);
    if (credits.length > 0 && total !== 100)
      ctx.addIssue({ code: 'custom', message: `shares total ${total}; they must total exactly 100` });
    const seen = new Set<string>();
    credits.forEach((c, i) => {
      if (seen.has(c.staffId))
        ctx.addIssue({ code: 'custom', path: [i, 'staffId'], message: 'is credited twice' });
      seen.add(c.staffId);
    });
  });

export const RegisterPerformance = z.strictObject({
  channel: z.enum(PERFORMANCE_CHANNELS),
  /** The channel's own reference of the sale: with the channel, the idempotency key. */
  externalRef: z.string().regex(/^[A-Za-z0-9_.:/-]{1,64}$/, 'letters, digits, _ . : / or -, at most 64'),
  customerId: CustomerId,
  productId: ProductId,
  amountFen: AmountFen.max(MAX_AMOUNT_FEN, `must be at most ${MAX_AMOUNT_FEN} fen (¥1 billion)`),
  credits: Credits,
  occurredAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
  /** The campaign the channel knows the sale came from; otherwise attribution decides. */
  campaignId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -, at most 64')
    .optional(),
  /** Register a sale above the customer's risk tolerance anyway: why (audited). */
  suitabilityOverride: z.strictObject({ reason: z.string().trim().min(4).max(500) }).optional(),
});
export type RegisterPerformance = z.infer<typeof RegisterPerformance>;

export const ReversePerformance = z.strictObject({ reason: z.string().trim().min(4).max(500) });
export type ReversePerformance = z.infer<typeof ReversePerformance>;

const FiguresView = { amountFen: z.number(), points: z.number(), count: z.number() };

/** An entry as readers see it (`entryView`): internal keys and org paths dropped, its reversal added. */
export const EntryView = LedgerEntryRecord.omit({
  customerKey: true,
  customerOrgPath: true,
  correlationId: true,
}).extend({
  customerManagerId: z.string().describe('the customer’s RM when it was registered'),
  credits: z.array(CreditRecord.omit({ orgPath: true })),
  reversal: z
    .object({ reversalId: z.string(), reason: z.string(), recordedAt: z.string(), recordedBy: z.string() })
    .optional()
    .describe('present once a registration is reversed'),
});

const REGISTRARS = ['integration', 'rm', 'branch_manager', 'admin'] as const;
const READERS = ['rm', 'branch_manager', 'marketing', 'admin'] as const;
const EntryParams = z.object({ registrationId: EntryId });

export const registerPerformance = defineRoute({
  method: 'POST',
  path: '/v1/performance',
  summary:
    'Register a sale (业绩登记) with its credit split; idempotent per channel + externalRef (same → 200, different → 409)',
  auth: 'jwt',
  roles: REGISTRARS,
  body: RegisterPerformance,
  response: EntryView,
  successStatus: 201,
});

export const reversePerformance = defineRoute({
  method: 'POST',
  path: '/v1/performance/{registrationId}/reverse',
  summary:
    'Reverse a registration (冲正): a new ledger entry that negates it; again with the same reason → 200',
  auth: 'jwt',
  roles: REGISTRARS,
  params: EntryParams,
  body: ReversePerformance,
  response: EntryView,
  successStatus: 201,
});

export const getPerformanceEntry = defineRoute({
  method: 'GET',
  path: '/v1/performance/{registrationId}',
  summary: 'One ledger entry (a registration, with its reversal if any, or a reversal)',
  auth: 'jwt',
  // not `integration`: an entry names a customer and what they bought; feeds post, they do not read
  roles: ['rm', 'branch_manager', 'admin'],
  params: EntryParams,
  response: EntryView,
});

/** A staff member's line of an entry (`Posting`): the sale, and their part of it. */
export const PostingView = LedgerEntryRecord.pick({
  entryId: true,
  kind: true,
  registrationId: true,
  channel: true,
  externalRef: true,
  customerId: true,
  productId: true,
  productName: true,
  category: true,
  occurredAt: true,
  businessDate: true,
  recordedAt: true,
}).extend({
  sharePct: z.number(),
  amountFen: z.number().describe('this staff member’s part, negative for a reversal'),
  points: z.number(),
});

export const listPerformance = defineRoute({
  method: 'GET',
  path: '/v1/performance',
  summary: 'A staff member’s ledger lines in a period (default: the caller, this month), oldest first',
  auth: 'jwt',
  roles: READERS,
  query: PageQuery.extend({ staffId: StaffId.optional(), period: Period.optional() }),
  response: pageOf(PostingView).extend({ staffId: z.string(), period: z.string() }),
});

export const METRICS = ['points', 'amount', 'count'] as const;
export type Metric = (typeof METRICS)[number];

const Ranked = { rank: z.number(), ...FiguresView };
const StaffRow = z.object({ ...Ranked, staffId: z.string(), name: z.string(), orgId: z.string() });
const UnitRow = z.object({ ...Ranked, orgId: z.string(), name: z.string() });

export const getLeaderboard = defineRoute({
  method: 'GET',
  path: '/v1/leaderboards',
  summary:
    'Staff of an org subtree and its child units ranked by points, amount or count in a period (default: the caller’s unit, this month), with the caller’s own rank',
  auth: 'jwt',
  roles: READERS,
  query: PageQuery.extend({
    orgId: OrgId.optional(),
    period: Period.optional(),
    metric: z.enum(METRICS).default('points'),
    category: z.enum(PRODUCT_CATEGORIES).optional(),
  }),
  response: z.object({
    orgId: z.string(),
    period: z.string(),
    metric: z.enum(METRICS),
    category: z.enum(PRODUCT_CATEGORIES).optional(),
    total: z.object(FiguresView),
    items: z.array(StaffRow).describe('staff ranked (competition ranking: ties share a rank)'),
    nextCursor: z.string().optional(),
    me: StaffRow.optional().describe('the caller’s own standing, when they work in the subtree'),
    units: z.array(UnitRow).describe('the child org units ranked'),
    myUnit: UnitRow.optional().describe('the child unit the caller works in'),
  }),
});
