// When the claim's last look failed: the message is settled by what changed since the page was read.
import { consentStanding } from '#shared/consent/consent.js';
import type { Customer } from '#shared/customers/customer.js';
import { logger } from '#shared/logging/logger.js';
import { consentReason, type SuppressionReason } from './compliance-gate.js';
import type { DispatchDeps, DispatchOptions, DispatchReport } from './dispatch-context.js';
import type { CampaignMessage } from './message.js';

/**
 * The claim's last look failed: a refusal, a pause or a cancel landed after the page was read.
 * Read again what changed and settle the message by it: suppressed with the reason (opted out,
 * consent withdrawn, campaign cancelled), or left queued (a paused campaign resumes; a change that
 * leaves the customer eligible is judged again on the next pass).
 */
export const lastLookFailed = async (
  deps: DispatchDeps,
  options: DispatchOptions,
  message: CampaignMessage,
  customer: Customer,
  outcome: 'campaign_stopped' | 'consent_changed',
  report: DispatchReport,
) => {
  let reason: SuppressionReason | undefined;
  if (outcome === 'campaign_stopped') {
    const campaign = await deps.campaigns.get(message.campaignId);
    if (campaign?.status === 'cancelled') reason = 'campaign_cancelled';
  } else {
    const [ledger, phone] = await Promise.all([
      deps.consent.consentOf(customer.customerId),
      customer.phone ? deps.consent.phoneOf(customer.phone) : Promise.resolve(undefined),
    ]);
    reason = consentReason(consentStanding(customer, ledger, phone));
  }
  logger.info('the last look before sending stopped a message', {
    campaignId: message.campaignId,
    customerId: message.customerId,
    outcome,
    ...(reason ? { reason } : {}),
  });
  if (!reason) return;
  if (
    await deps.messages.settleQueued(message.campaignId, message.customerId, {
      status: 'suppressed',
      reason,
      updatedAt: options.clock.now().toISOString(),
    })
  )
    report.suppressed += 1;
};
