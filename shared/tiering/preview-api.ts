// HTTP contract of the tier policy what-if (分层标准试算): a draft policy, before it is proposed,
// against every customer's kept AUM counters and tier standing — how many would move up and down at
// the next month close, by branch, under the draft and under the policy as stored.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { TierPolicyInput } from './policy-input.js';

const Count = z.number().int().min(0);

export const TierMoves = z.object({
  up: Count.describe('customers the close would leave on a higher tier than they stand on'),
  down: Count.describe('customers the close would leave on a lower tier'),
});

export const TierPolicyPreview = z.object({
  month: z
    .string()
    .describe('the month the next close closes: the last month if its close is not done, else this one'),
  complete: z
    .boolean()
    .describe('false: the month is not over, and its remaining days are counted at today’s balances'),
  asOf: z.string().describe('the business date the figures were read on'),
  draftVersion: z.number().int().describe('the version the draft would be stored as'),
  draftApplies: z
    .boolean()
    .describe(
      'false: the draft is in force only after the month’s last day, so that close keeps the policy as stored',
    ),
  customers: Count.describe('customers in the caller’s scope the close would look at'),
  draft: TierMoves.describe('under the draft'),
  current: TierMoves.describe(
    'under the policy as stored (what the close does if the draft is not approved)',
  ),
  branches: z
    .array(
      z.object({
        orgId: z.string(),
        name: z.string(),
        customers: Count,
        draft: TierMoves,
        current: TierMoves,
      }),
    )
    .describe('per branch (一级分行) of the caller’s scope, by org id'),
  durationMs: z.number().int().min(0).describe('how long the read of every customer’s standing took'),
});
export type TierPolicyPreview = z.infer<typeof TierPolicyPreview>;

export const previewTierPolicy = defineRoute({
  method: 'POST',
  path: '/v1/tier-policy/preview',
  summary:
    'What-if of a draft tier policy: customers moving up and down at the next month close, by branch, from the kept AUM counters (writes nothing)',
  auth: 'jwt',
  roles: ['admin'],
  body: TierPolicyInput,
  response: TierPolicyPreview,
});
