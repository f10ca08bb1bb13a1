// What one send owes the channel it goes through: the campaign's approved template there, and the
// channel's own per-number limits (provider-limits.ts): what the claim counts the send against, and
// the message deferred when the claim found a limit reached: not sent, nothing counted, back in the
// queue until the refusing windows end, with the reason and the rule.
import { isSmsChannel } from '#shared/sms/channel.js';
import type { SmsMessage, SmsProvider } from '#shared/sms/provider.js';
import { countIn, type DispatchDeps, type DispatchReport } from './dispatch-context.js';
import type { Campaign } from './campaign.js';
import type { CampaignMessage } from './message.js';
import type { ProviderLimited } from './ports.js';
import { deferredUntil, limitCharges, type LimitCharge } from './provider-limits.js';

/** The campaign's approved template on this channel, where it names one (for composeMessage). */
export const approvedOn = (channel: string | undefined, campaign: Pick<Campaign, 'template'>) => {
  const approved =
    channel === 'aliyun' || channel === 'tencent' ? campaign.template.approved?.[channel] : undefined;
  return approved ? { approved } : {};
};

/** The charges of a send at `at` (none for a channel that keeps no limits of its own). */
export const limitsOf = (sms: SmsProvider, message: SmsMessage, at: Date): LimitCharge[] =>
  sms.channel && isSmsChannel(sms.channel)
    ? limitCharges(
        {
          channel: sms.channel,
          template: message.template?.id ?? `default:${message.kind}`,
          phone: message.phone,
          content: message.text,
        },
        at.getTime(),
      )
    : [];

/** Back in the queue until the refusing windows end; settled once (only while still queued). */
export const deferForLimits = async (
  deps: Pick<DispatchDeps, 'messages'>,
  report: DispatchReport,
  message: Pick<CampaignMessage, 'campaignId' | 'customerId'>,
  limits: LimitCharge[],
  { refused }: ProviderLimited,
  now: Date,
): Promise<void> => {
  const charges = refused.map(({ index, lastAt }) => ({ charge: limits[index]!, lastAt }));
  const settled = await deps.messages.settleQueued(message.campaignId, message.customerId, {
    status: 'queued',
    reason: 'provider_limit',
    detail: charges.map(({ charge }) => charge.rule).join('; '),
    notBefore: new Date(deferredUntil(charges, now.getTime())).toISOString(),
    updatedAt: now.toISOString(),
  });
  if (settled) countIn(report, 'queued');
};
