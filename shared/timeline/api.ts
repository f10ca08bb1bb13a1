// HTTP contract of a customer's timeline.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { CustomerParams } from '#shared/customers/api.js';
import { RELATIONSHIP_READERS } from '#shared/auth/roles.js';
import { PageQuery, pageOf } from '#shared/http/pagination.js';
import { TIMELINE_KINDS } from './kinds.js';

export const getTimeline = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}/timeline',
  summary:
    'Transactions, tier changes, alerts and outcomes, SMS consent, contacts, transfers and performance of a customer, newest first',
  auth: 'jwt',
  roles: RELATIONSHIP_READERS,
  params: CustomerParams,
  query: PageQuery,
  response: pageOf(
    z.object({
      at: z.string(),
      kind: z.enum(TIMELINE_KINDS),
      id: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});
