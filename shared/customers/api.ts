// HTTP contracts for customers (客户): create, list (scoped), read (masked unless a purpose is given), update.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { PageQuery } from '#shared/http/pagination.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { residentIdProblem } from '#shared/validation/resident-id.js';
import { OrgId } from '#shared/org/org-unit.js';
import { StaffId } from '#shared/staff/staff.js';
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

export const CreateCustomer = z.strictObject({
  /** The core banking customer number; generated when absent. */
  customerId: CustomerId.optional(),
  name: z.string().trim().min(1).max(64),
  phone: Phone.optional(),
  idNumber: ResidentId.optional(),
  orgId: OrgId,
  managerId: StaffId,
  riskLevel: z.enum(RISK_LEVELS).optional(),
  smsConsent: z.boolean().default(false),
  tags: Tags.default([]),
});
export type CreateCustomer = z.infer<typeof CreateCustomer>;

export const UpdateCustomer = z
  .strictObject({
    name: z.string().trim().min(1).max(64),
    phone: Phone.nullable(),
    idNumber: ResidentId.nullable(),
    orgId: OrgId,
    managerId: StaffId,
    riskLevel: z.enum(RISK_LEVELS),
    smsConsent: z.boolean(),
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
  riskLevel: z.enum(RISK_LEVELS).optional(),
  smsConsent: z.boolean(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

const CustomerParams = z.object({ customerId: CustomerId });
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
  query: PageQuery.extend({
    managerId: StaffId.optional(),
    orgId: OrgId.optional(),
    tier: z.enum(TIERS).optional(),
    q: z.string().trim().min(1).max(64).optional(),
  }),
  response: z.object({ items: z.array(CustomerView), nextCursor: z.string().optional() }),
});

export const REVEALABLE = ['phone', 'idNumber'] as const;

export const getCustomer = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}',
  summary: 'One customer; `reveal=phone,idNumber` with a `purpose` shows them unmasked (audited)',
  auth: 'jwt',
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
  response: CustomerView,
});

export const updateCustomer = defineRoute({
  method: 'PATCH',
  path: '/v1/customers/{customerId}',
  summary: 'Change a customer (fields given; null clears phone or idNumber)',
  auth: 'jwt',
  roles: WRITERS,
  params: CustomerParams,
  body: UpdateCustomer,
  response: CustomerView,
});
