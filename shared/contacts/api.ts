// HTTP contract: an RM logs a contact with a customer (客户接触: call, visit, WeChat …).
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { CustomerParams } from '#shared/customers/api.js';
import { CONTACT_CHANNELS } from '#shared/timeline/customer-log.js';

export const LogContact = z.strictObject({
  channel: z.enum(CONTACT_CHANNELS),
  note: z.string().trim().min(1).max(2000),
  outcome: z.string().trim().min(1).max(200).optional(),
  /** When it happened; now when absent. Never in the future. */
  occurredAt: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v).toISOString())
    .optional(),
});
export type LogContact = z.infer<typeof LogContact>;

export const ContactView = z.object({
  contactId: z.string(),
  customerId: z.string(),
  at: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  note: z.string(),
  outcome: z.string().optional(),
  staffId: z.string(),
  createdAt: z.string(),
});

export const postContact = defineRoute({
  method: 'POST',
  path: '/v1/customers/{customerId}/contacts',
  summary: 'Log a contact with a customer (channel, note, outcome); it joins the customer’s timeline',
  auth: 'jwt',
  roles: ['rm', 'branch_manager'],
  params: CustomerParams,
  body: LogContact,
  response: ContactView,
  successStatus: 201,
});
