// performance ledger stream → campaign funnels: a registration attributed to a campaign converts the
// customer's message once; a reversal takes it back; an entry without a campaignId changes nothing.
// Runs in the ledger's second reader (functions/streams/ledger-followers.ts).
import { streamConsumer } from '#shared/stream/stream-handler.js';
import { LedgerEntryRecord } from '#shared/performance/entry.js';
import { applyLedgerEntryToFunnel } from '#shared/campaigns/conversion.js';
import { dynamoCampaignMessageStore } from '#shared/campaigns/dynamo-campaign-messages.js';

const messages = dynamoCampaignMessageStore();

export const campaignConversions = streamConsumer('campaign-conversions', {
  image: LedgerEntryRecord,
  insert: async ({ newImage }) => void (await applyLedgerEntryToFunnel(messages, newImage!)),
  // entries are never updated: a MODIFY repeats one, and the conditional marks make that a no-op
  modify: async ({ newImage }) => void (await applyLedgerEntryToFunnel(messages, newImage!)),
  // entries are never deleted (a reversal is a new entry)
  remove: 'ignore',
});
