// tier-changes stream → the report counters (upgrades, downgrades, the RM's move list) and, for a
// customer who has just become private banking, a proposed allocation to a private-banking RM.
// One consumer for both, so the stream keeps few readers; each step is idempotent on its own.
import { streamHandler } from '#shared/stream/stream-handler.js';
import { countTierChange, TierChangeImage } from '#shared/reports/count.js';
import { proposePrivateBankingRm } from '#shared/allocations/private-banking.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoDataQualityStore } from '#shared/data-quality/dynamo-data-quality.js';
import { dynamoAllocationStore } from '#shared/allocations/dynamo-allocations.js';
import { dynamoBalanceReader } from '#shared/allocations/deps.js';
import { logger } from '#shared/logging/logger.js';
import { countDeps } from '../reports/count-deps.js';

const counting = countDeps();
const dataQuality = dynamoDataQualityStore();
const proposing = {
  allocations: dynamoAllocationStore(),
  customers: dynamoCustomerStore(),
  staff: dynamoStaffStore(),
  balances: dynamoBalanceReader(),
  privateBankingBooks: async (staffIds: readonly string[]) => {
    const aggregates = await dataQuality.aggregates(staffIds.map((id) => `rm#${id}`));
    return new Map(staffIds.map((id) => [id, Number(aggregates.get(`rm#${id}`)?.tier_private_banking ?? 0)]));
  },
};

const apply = async (change: TierChangeImage, eventId: string) => {
  await countTierChange(counting, change);
  const proposal = await proposePrivateBankingRm(proposing, change, eventId);
  if (proposal === 'proposed' || proposal === 'no_candidate')
    logger.info('private-banking proposal', { customerId: change.customerId, outcome: proposal });
};

export const handler = streamHandler({
  image: TierChangeImage,
  insert: async ({ newImage, eventId }) => apply(newImage!, eventId),
  // a change is written once; a rewrite of the same change is claimed and proposed already
  modify: async ({ newImage, eventId }) => apply(newImage!, eventId),
  // tier changes are history: never removed, and a removal would not undo a move that happened
  remove: 'ignore',
});
