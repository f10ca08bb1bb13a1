// HTTP contract of a customer's graph neighbourhood (客户关系图谱): who they pay and are paid by most.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { CustomerParams } from '#shared/customers/api.js';

export const NEIGHBOURHOOD_SIZE = 20;

const Counterparty = z.object({
  counterpartyId: z.string().describe('the counterparty account’s node id: a keyed hash, never the number'),
  bank: z.string().optional(),
  maskedAccount: z.string().describe('the last four digits'),
  maskedName: z.string().optional(),
  count: z.number(),
  inFen: z.number(),
  outFen: z.number(),
  totalFen: z.number(),
  firstDate: z.string(),
  lastDate: z.string(),
});

export const getCustomerGraph = defineRoute({
  method: 'GET',
  path: '/v1/customers/{customerId}/graph',
  summary: `A customer’s ${NEIGHBOURHOOD_SIZE} largest counterparties by amount, in and out, one hop (masked)`,
  auth: 'jwt',
  roles: ['rm', 'branch_manager', 'marketing', 'admin', 'auditor'],
  params: CustomerParams,
  response: z.object({ customerId: z.string(), counterparties: z.array(Counterparty) }),
});
