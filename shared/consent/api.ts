// HTTP contracts for the consent and opt-out ledger.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { CustomerParams } from '#shared/customers/api.js';
import { CustomerId } from '#shared/customers/customer.js';
import { phoneProblem } from '#shared/validation/phone.js';

const Phone = z.string().superRefine((value, ctx) => {
  const problem = phoneProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const ConsentView = z.object({
  customerId: z.string(),
  consent: z.enum(['granted', 'withdrawn', 'none']),
  source: z.string().optional(),
  evidence: z.string().optional(),
  at: z.string().optional(),
  by: z.string().optional(),
  phoneOptedOut: z.boolean(),
  mayReceiveMarketing: z.boolean(),
  history: z.array(z.record(z.string(), z.unknown())),
});

export const PutConsent = z.strictObject({
  consent: z.enum(['granted', 'withdrawn']),
  source: z.enum(['counter', 'mobile', 'online', 'phone_call', 'paper_form']),
  /** Where the proof is: a signed form's number, a call recording id, a channel session id. */
  evidence: z.string().trim().min(3).max(200),
});

const STAFF = ['rm', 'branch_manager', 'marketing', 'admin'] as const;

export const getSmsConsent = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}/sms-consent',
  summary: 'A customer’s SMS marketing consent, phone opt-out and ledger history',
  auth: 'jwt',
  roles: STAFF,
  params: CustomerParams,
  response: ConsentView,
});

export const putSmsConsent = defineRoute({
  method: 'PUT',
  path: '/v1/customers/{customerId}/sms-consent',
  summary:
    'Record a consent or its withdrawal, with source and evidence (granting also lifts a phone opt-out)',
  auth: 'jwt',
  roles: ['rm', 'branch_manager', 'admin'],
  params: CustomerParams,
  body: PutConsent,
  response: ConsentView,
});

export const postOptOut = defineRoute({
  method: 'POST',
  path: '/v1/sms/opt-outs',
  summary: 'Record an opt-out for a phone number or a customer’s number (e.g. refused on a call)',
  auth: 'jwt',
  roles: ['rm', 'branch_manager', 'marketing', 'admin', 'integration'],
  body: z
    .strictObject({
      phone: Phone.optional(),
      customerId: CustomerId.optional(),
      evidence: z.string().trim().min(3).max(200),
    })
    .refine((b) => (b.phone === undefined) !== (b.customerId === undefined), {
      message: 'give exactly one of phone or customerId',
      path: ['phone'],
    }),
  response: z.object({ optedOut: z.literal(true) }),
  successStatus: 201,
});

/** A reply from a phone, as the provider's inbound channel delivers it. */
export const postInbound = defineRoute({
  method: 'POST',
  path: '/v1/sms/inbound',
  summary: 'An inbound SMS reply; TD, T, N, R, 退订, STOP record an opt-out at once',
  auth: 'jwt',
  roles: ['integration', 'admin'],
  body: z.strictObject({
    /** The provider's id of the inbound message: a replay with the same id records nothing new. */
    messageId: z.string().min(1).max(200),
    from: Phone,
    text: z.string().max(1600),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  }),
  response: z.object({
    optOut: z.boolean(),
    recorded: z.boolean(),
    optIn: z.literal(true).optional().describe('the reply asked for SMS again (an opt-in keyword)'),
  }),
});
