// Starting a campaign freezes its audience: every customer who matches is recorded once, with the
// reason they were included, as `queued`, or as `suppressed` with the reason (no phone, no consent,
// opted out, over the campaign's recipient cap). Re-running after a crash adds only what is missing.
import type { Clock } from '#shared/clock.js';
import { consentStanding } from '#shared/consent/consent.js';
import type { Campaign } from './campaign.js';
import { buildAudience } from './audience.js';
import { resolveOrgPaths } from './audience-source.js';
import { consentReason, type SuppressionReason } from './compliance-gate.js';
import type { CampaignDeps } from './lifecycle.js';
import { idempotencyKeyOf, type CampaignMessage } from './message.js';

export const freezeAudience = async (
  deps: CampaignDeps,
  clock: Clock,
  campaign: Campaign,
): Promise<{ audience: number; queued: number; suppressed: number }> => {
  const now = clock.now();
  const at = now.toISOString();
  const { paths } = await resolveOrgPaths(deps.orgs, campaign.audience, campaign.scopeOrgPath);
  let audience = 0;
  let queued = 0;
  for await (const page of buildAudience(deps, campaign.audience, campaign.scopeOrgPath, paths, now)) {
    const { consents, phones } = await deps.consent.standings(page.map((m) => m.customer));
    const records: CampaignMessage[] = page.map(({ customer, included }) => {
      const standing = consentStanding(
        customer,
        consents.get(customer.customerId),
        customer.phone ? phones.get(customer.phone) : undefined,
      );
      let reason: SuppressionReason | undefined = customer.phone ? consentReason(standing) : 'no_phone';
      if (!reason && campaign.caps.maxRecipients !== undefined && queued >= campaign.caps.maxRecipients) {
        reason = 'max_recipients';
      }
      if (!reason) queued += 1;
      audience += 1;
      return {
        campaignId: campaign.campaignId,
        customerId: customer.customerId,
        status: reason ? 'suppressed' : 'queued',
        included,
        ...(reason ? { reason } : { queue: campaign.campaignId }),
        idempotencyKey: idempotencyKeyOf(campaign.campaignId, customer.customerId),
        attempts: 0,
        createdAt: at,
        updatedAt: at,
      };
    });
    for (let i = 0; i < records.length; i += 25) {
      await Promise.all(records.slice(i, i + 25).map((r) => deps.messages.addMessage(r)));
    }
  }
  return { audience, queued, suppressed: audience - queued };
};

/** Approved → running: the audience frozen first, then the status (a conflict is retried next run). */
export const startCampaign = async (deps: CampaignDeps, clock: Clock, campaign: Campaign) => {
  const frozen = await freezeAudience(deps, clock, campaign);
  const at = clock.now().toISOString();
  const next: Campaign = {
    ...campaign,
    status: 'running',
    startedAt: at,
    audienceSize: frozen.audience,
    updatedAt: at,
    version: campaign.version + 1,
  };
  const written = await deps.campaigns.put(
    next,
    {
      entityKey: `campaign#${campaign.campaignId}`,
      auditId: `${at}#start`,
      actorId: 'campaigns-dispatch',
      action: 'campaign.start',
      at,
      correlationId: campaign.campaignId,
      changes: { status: { before: 'approved', after: 'running' } },
      detail: frozen,
    },
    campaign.version,
  );
  return written ? next : undefined;
};
