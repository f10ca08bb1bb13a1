// A campaign's queue kept in order around the sends: stale claims reaped, what is left suppressed
// when the campaign ends or is cancelled, and the campaign completed.
import type { Campaign } from './campaign.js';
import type { DispatchDeps, DispatchOptions, DispatchReport } from './dispatch-context.js';

/** A claim left `sending` by a crash is never sent again: it is marked outcome_unknown. */
export const reapStaleClaims = async (
  deps: DispatchDeps,
  campaign: Campaign,
  options: DispatchOptions,
  report: DispatchReport,
) => {
  const cutoff = options.clock.now().getTime() - options.staleClaimMs;
  for (const m of await deps.messages.queue(campaign.campaignId, 'sending', 100)) {
    if (m.attemptId && m.claimedAt && Date.parse(m.claimedAt) < cutoff) {
      if (
        await deps.messages.settleClaimed(campaign.campaignId, m.customerId, m.attemptId, {
          status: 'failed',
          reason: 'outcome_unknown',
          detail: 'the sender stopped after claiming; never resent',
          updatedAt: options.clock.now().toISOString(),
        })
      )
        report.failed += 1;
    }
  }
};

/** What is still queued when a campaign ends or is cancelled is suppressed with that reason. */
export const drainQueue = async (
  deps: DispatchDeps,
  campaign: Campaign,
  reason: 'campaign_ended' | 'campaign_cancelled',
  report: DispatchReport,
  options: DispatchOptions,
) => {
  for (;;) {
    const queued = await deps.messages.queue(campaign.campaignId, 'queued', 100);
    let moved = 0;
    for (const m of queued) {
      if (
        await deps.messages.settleQueued(campaign.campaignId, m.customerId, {
          status: 'suppressed',
          reason,
          updatedAt: options.clock.now().toISOString(),
        })
      ) {
        moved += 1;
        report.suppressed += 1;
      }
    }
    if (queued.length < 100 || moved === 0) return;
  }
};

export const completeCampaign = async (deps: DispatchDeps, campaign: Campaign, options: DispatchOptions) => {
  const at = options.clock.now().toISOString();
  return deps.campaigns.put(
    { ...campaign, status: 'completed', completedAt: at, updatedAt: at, version: campaign.version + 1 },
    {
      entityKey: `campaign#${campaign.campaignId}`,
      auditId: options.ids.next(),
      actorId: 'campaigns-dispatch',
      action: 'campaign.complete',
      at,
      correlationId: campaign.campaignId,
      changes: { status: { before: 'running', after: 'completed' } },
    },
    campaign.version,
  );
};
