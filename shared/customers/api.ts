// HTTP contracts for customers (客户): create, list (scoped), read (masked unless a purpose is given), update.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { STAFF } from '#shared/auth/roles.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { residentIdProblem } from '#shared/validation/resident-id.js';
import { OrgId } from '#shared/org/org-unit.js';
import { StaffId } from '#shared/staff/staff.js';
import { ASSET_CLASSES } from '#shared/transactions/transaction.js';
import { CustomerId, RISK_LEVELS, TIERS } from './customer.js';

const Phone = z.string().superRefine((value, ctx) => {
  const problem = phoneProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const ResidentId = z.string().superRefine((value, ctx) => {
  const problem = residentIdProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const Tags = z.array(z.string().min(1).max(32)).max(20);

/** Where SMS consent is recorded: the record's `smsConsent` is only the consent ledger's projection. */
export const SMS_CONSENT_ROUTE = 'PUT /v1/customers/{customerId}/sms-consent';
const ReadOnlyConsent = z
  .undefined({
    error: `is read-only, the consent ledger’s projection: record the customer’s consent with ${SMS_CONSENT_ROUTE}`,
  })
  .optional();

/** Where a customer changes RM or org unit: an allocation, approved by a second branch manager. */
export const ALLOCATIONS_ROUTE = 'POST /v1/allocations';
const MovedByAllocation = (schema: z.ZodString) =>
  schema.describe(`refused with 409: a customer moves only through ${ALLOCATIONS_ROUTE}`);

export const CreateCustomer = z.strictObject({
  /** The core banking customer number; generated when absent. */
  customerId: CustomerId.optional(),
  name: z.string().trim().min(1).max(64),
  phone: Phone.optional(),
  idNumber: ResidentId.optional(),
  orgId: OrgId,
  managerId: StaffId,
  riskLevel: z.enum(RISK_LEVELS).optional(),
  smsConsent: ReadOnlyConsent,
  tags: Tags.default([]),
});
export type CreateCustomer = z.infer<typeof CreateCustomer>;

export const UpdateCustomer = z
  .strictObject({
    name: z.string().trim().min(1).max(64),
    phone: Phone.nullable(),
    idNumber: ResidentId.nullable(),
    orgId: MovedByAllocation(OrgId),
    managerId: MovedByAllocation(StaffId),
    riskLevel: z.enum(RISK_LEVELS),
    smsConsent: ReadOnlyConsent,
    tags: Tags,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' });
export type UpdateCustomer = z.infer<typeof UpdateCustomer>;

export const CustomerView = z.object({
  customerId: z.string(),
  name: z.string(),
  phone: z.string().optional().describe('masked unless revealed with a purpose'),
  idNumber: z.string().optional().describe('masked unless revealed with a purpose'),
  orgId: z.string(),
  managerId: z.string(),
  tier: z.enum(TIERS),
  tierChangedAt: z.string().optional().describe('when tiering last changed the tier'),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  smsConsent: z.boolean().describe(`read-only: the consent ledger’s projection (${SMS_CONSENT_ROUTE})`),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

const Fen = z.number().int();
const ByClass = z.record(z.enum(ASSET_CLASSES), Fen);

/**
 * The customer 360 (客户视图): the customer and what other capabilities keep about them. A part whose
 * table is missing is null; so is one with nothing kept for this customer (no AUM, no score yet).
 */
export const Customer360View = CustomerView.extend({
  tier: z
    .enum(TIERS)
    .describe('tiering’s standing (tier-state) when there is one, else the customer record’s'),
  tierStanding: z
    .object({
      tier: z.enum(TIERS),
      /** the tier this month's days so far guarantee */
      guaranteed: z.enum(TIERS),
      /** the tier if today's balances stay to the month's end */
      projected: z.enum(TIERS),
      nextTier: z.enum(TIERS).optional(),
      gapToNextFen: Fen.optional(),
      closedThrough: z.string().optional(),
      policyVersion: z.number().int(),
    })
    .nullable()
    .describe('tiering’s view (tier-state and AUM counters); null when it has nothing on the customer'),
  aum: z
    .object({
      asOf: z.string(),
      month: z.string(),
      /** days of the month counted so far */
      days: z.number().int(),
      /** 日均AUM: weighted month-to-date daily average */
      avgAumFen: Fen,
      /** unweighted month-to-date daily average per asset class */
      avgByAssetClass: ByClass,
      /** 时点余额: end-of-day balance today per asset class */
      balances: ByClass,
      totalBalanceFen: Fen,
    })
    .nullable()
    .describe('month-to-date average and current balance by asset class; null when no AUM is counted'),
  products: z
    .array(
      z.object({
        productId: z.string(),
        productName: z.string(),
        category: z.string(),
        /** registered and not reversed */
        amountFen: Fen,
        registrations: z.number().int(),
        lastRegisteredOn: z.string(),
      }),
    )
    .nullable()
    .describe('products held: registered in the performance ledger and not reversed, largest first'),
  rm: z
    .object({ staffId: z.string(), name: z.string() })
    .nullable()
    .describe('the customer’s relationship manager; null when the staff record is not found'),
  consent: z
    .object({
      consent: z.enum(['granted', 'withdrawn', 'none']),
      source: z.string().optional(),
      at: z.string().optional(),
      phoneOptedOut: z.boolean(),
      mayReceiveMarketing: z.boolean(),
    })
    .nullable()
    .describe('SMS marketing consent standing (the ledger, else the customer record’s flag)'),
  dataQuality: z
    .object({ score: z.number(), gaps: z.array(z.string()), asOfVersion: z.number().int() })
    .nullable()
    .describe('data-quality score and gaps; null until the customer stream has scored the customer'),
});
export type Customer360View = z.infer<typeof Customer360View>;

/** The `{customerId}` of every route under `/v1/customers/{customerId}`. */
export const CustomerParams = z.object({ customerId: CustomerId });
const WRITERS = ['rm', 'branch_manager', 'admin'] as const;

export const createCustomer = defineRoute({
  method: 'POST',
  path: '/v1/customers',
  summary: 'Create a customer (idempotent per customerId, or per Idempotency-Key header)',
  auth: 'jwt',
  roles: WRITERS,
  body: CreateCustomer,
  response: CustomerView,
  successStatus: 201,
});

export const listCustomers = defineRoute({
  method: 'GET',
  path: '/v1/customers',
  summary: 'Customers in the caller’s scope',
  auth: 'jwt',
  roles: STAFF,
  query: PageQuery.extend({
    managerId: StaffId.optional(),
    orgId: OrgId.optional(),
    tier: z.enum(TIERS).optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    tag: z.string().trim().min(1).max(32).optional(),
    /** name contains, or the customer id */
    q: z.string().trim().min(1).max(64).optional(),
  }),
  response: pageOf(CustomerView),
});

export const REVEALABLE = ['phone', 'idNumber'] as const;

export const getCustomer = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}',
  summary:
    'One customer, with tier, AUM, products held, RM, SMS consent and data quality (客户视图); `reveal=phone,idNumber` with a `purpose` shows them unmasked (audited)',
  auth: 'jwt',
  roles: STAFF,
  params: CustomerParams,
  query: z
    .object({
      reveal: z
        .string()
        .transform((v) => v.split(',').map((s) => s.trim()))
        .pipe(z.array(z.enum(REVEALABLE)))
        .optional(),
      purpose: z.string().trim().min(4).max(200).optional(),
    })
    .refine((q) => !q.reveal || q.purpose, {
      message: 'a purpose is required to reveal a field',
      path: ['purpose'],
    }),
  response: Customer360View,
});

export const updateCustomer = defineRoute({
  method: 'PATCH',
  path: '/v1/customers/{customerId}',
  summary:
    'Change a customer (fields given; null clears phone or idNumber). RM and org unit change only through an allocation (409 here); SMS consent only through its own route (400 here)',
  auth: 'jwt',
  roles: WRITERS,
  params: CustomerParams,
  body: UpdateCustomer,
  response: CustomerView,
});
