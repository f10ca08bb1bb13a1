// One queued message through the dispatch (发送一条), as named steps: the compliance gate, the
// composed text, the provider's opt-out list, a pacer slot with the claim just before it, the
// provider, then what its answer means (after-send.ts). Between the claim's last look at the ledger
// and the campaign and the Publish there is only the claim's round trip.
import { businessDateOf } from '#shared/clock.js';
import { recordProviderOptOut } from '#shared/consent/ledger.js';
import type { Customer } from '#shared/customers/customer.js';
import { logger } from '#shared/logging/logger.js';
import { checksOptOutFirst, type SmsMessage } from '#shared/sms/provider.js';
import {
  afterOptOutCheck,
  afterSend,
  notSent,
  SEND_RETRY_POLICY,
  type AfterSend,
  type SendOutcome,
} from './after-send.js';
import type { Campaign } from './campaign.js';
import { judge, pruneSends } from './compliance-gate.js';
import { composeMessage, type ComposedMessage } from './compose-message.js';
import {
  countIn,
  type DispatchDeps,
  type DispatchOptions,
  type DispatchReport,
  type Timer,
} from './dispatch-context.js';
import { lastLookFailed } from './last-look.js';
import type { FeedItem } from './message-feed.js';
import { attributionEnd } from './message.js';
import type { NameLookup } from './name-lookup.js';
import type { LimitCharge } from './provider-limits.js';
import { approvedOn, deferForLimits, limitsOf } from './send-channel.js';
import type { SharedPacer } from './shared-pacer.js';

/** What every send of one campaign in one run shares. */
export interface SendContext {
  deps: DispatchDeps;
  options: DispatchOptions;
  timer: Timer;
  pacer: SharedPacer;
  campaign: Campaign;
  report: DispatchReport;
  names: NameLookup;
}

/** A message the gate let through: its customer is known and has a phone. */
interface Sendable {
  item: FeedItem & { customer: Customer };
  composed: ComposedMessage;
  month: string;
  today: string;
  frequency: Awaited<ReturnType<DispatchDeps['counters']['sendsOf']>>;
}

interface Claimed {
  attemptId: string;
  slot: number;
  /** The provider limits the claim counted this send against. */
  limits: LimitCharge[];
}

export const sendOne = async (ctx: SendContext, item: FeedItem) => {
  const sendable = await passGate(ctx, item);
  if (!sendable) return;
  if (!(await passOptOutCheck(ctx, sendable))) return;
  const claimed = await claimBeforeSlot(ctx, sendable);
  if (!claimed) return;
  const outcome = await publishInSlot(ctx, sendable, claimed);
  await settleOutcome(ctx, sendable, claimed, outcome);
};

/** The compliance gate: a message that waits or is suppressed is settled here, and goes no further. */
const passGate = async (ctx: SendContext, item: FeedItem): Promise<Sendable | undefined> => {
  const { deps, options, campaign, report } = ctx;
  const { campaignId, customerId } = item.message;
  const now = options.clock.now();
  const frequency = await deps.counters.sendsOf(customerId);
  const decision = judge({
    now,
    campaign: {
      campaignId,
      scopeOrgPath: campaign.scopeOrgPath,
      endAt: campaign.schedule.endAt,
      window: campaign.schedule.window,
    },
    customer: item.customer,
    standing: item.standing,
    sends: frequency.sends,
    caps: options.caps,
  });
  if (decision.action === 'wait') {
    await deps.messages.settleQueued(campaignId, customerId, {
      status: 'queued',
      notBefore: decision.until.toISOString(),
      updatedAt: now.toISOString(),
    });
    return undefined;
  }
  if (decision.action === 'suppress') {
    if (
      await deps.messages.settleQueued(campaignId, customerId, {
        status: 'suppressed',
        reason: decision.reason,
        updatedAt: now.toISOString(),
      })
    )
      report.suppressed += 1;
    return undefined;
  }
  const customer = item.customer!;
  const composed = composeMessage({
    template: campaign.template.text,
    customer,
    managerName: await ctx.names.manager(customer.managerId),
    orgName: await ctx.names.org(customer.orgId),
    idempotencyKey: item.message.idempotencyKey,
    pricePerPartFen: options.pricePerPartFen,
    ...(options.senderId ? { senderId: options.senderId } : {}),
    ...approvedOn(deps.sms.channel, campaign),
  });
  const today = businessDateOf(now);
  return { item: { ...item, customer }, composed, today, month: today.slice(0, 7), frequency };
};

/**
 * The provider's opt-out list first (not a send): an opted-out number is never claimed. A failed
 * check settles the still-queued message (suppressed and written back, or back in the queue).
 */
const passOptOutCheck = async (ctx: SendContext, { item, composed }: Sendable) => {
  const { deps, options, report } = ctx;
  if (!checksOptOutFirst(deps.sms)) return true;
  try {
    await deps.sms.checkOptOut(composed.sms);
    return true;
  } catch (error) {
    const { message } = item;
    const now = options.clock.now();
    const next = afterOptOutCheck(notSent(error), now);
    if (next.recordOptOut)
      await recordProviderOptOut(deps.consent, composed.sms.phone, now, message.idempotencyKey);
    const settled = await deps.messages.settleQueued(message.campaignId, message.customerId, {
      ...messageSet(next),
      updatedAt: now.toISOString(),
    });
    if (settled || next.status === 'queued') countIn(report, next.status);
    return false;
  }
};

/**
 * A slot, then the claim just before it (the claim's round trip ahead): send record, frequency slot,
 * monthly spend and the provider limits' counts in one transaction that also takes the last look.
 * Undefined when not claimed.
 */
const claimBeforeSlot = async (ctx: SendContext, sendable: Sendable): Promise<Claimed | undefined> => {
  const { deps, options, timer, pacer, report } = ctx;
  const { item, composed, today, month, frequency } = sendable;
  const { message } = item;
  const slot = await pacer.take(composed.parts);
  await timer.sleep(slot - pacer.claimLeadMs() - timer.now());
  const attemptId = options.ids.next('A');
  const claimStarted = timer.now();
  const at = options.clock.now();
  const limits = limitsOf(deps.sms, composed.sms, at);
  const outcome = await deps.messages.claim({
    message,
    attemptId,
    at: at.toISOString(),
    frequency: {
      version: frequency.version,
      sends: { ...pruneSends(frequency.sends, today), [message.campaignId]: today },
    },
    budget: { month, costFen: composed.costFen, limitFen: options.monthlyBudgetFen },
    guards: {
      phone: composed.sms.phone,
      consentVersion: item.standing?.versions?.customer,
      phoneVersion: item.standing?.versions?.phone,
    },
    ...(limits.length > 0 ? { limits } : {}),
  });
  pacer.claimTook(timer.now() - claimStarted);
  if (typeof outcome === 'object') {
    await deferForLimits(deps, report, message, limits, outcome, options.clock.now());
    return undefined;
  }
  switch (outcome) {
    case 'claimed':
      return { attemptId, slot, limits };
    case 'taken': // another worker has it
    case 'frequency_race': // read again next batch
      return undefined;
    case 'budget_exhausted':
      report.budgetExhausted = true;
      logger.warn('monthly SMS budget reached: sending stops', { month });
      return undefined;
    case 'campaign_stopped':
    case 'consent_changed':
      await lastLookFailed(deps, options, message, item.customer, outcome, report);
      return undefined;
  }
};

/**
 * On time for the slot; late for it (a slow claim, a paused event loop)? A wasted slot only lowers
 * the rate: take another. Then the provider.
 */
const publishInSlot = async (ctx: SendContext, { composed }: Sendable, claimed: Claimed) => {
  const { deps, options, timer, pacer } = ctx;
  let slot = claimed.slot;
  await timer.sleep(slot - timer.now());
  while (timer.now() > slot + options.pacer.marginMs) {
    slot = await pacer.take(composed.parts);
    await timer.sleep(slot - timer.now());
  }
  return publish(deps, composed.sms);
};

type Published =
  { kind: 'sent'; providerMessageId: string; parts: number } | Exclude<SendOutcome, { kind: 'sent' }>;

const publish = async (deps: DispatchDeps, sms: SmsMessage): Promise<Published> => {
  try {
    const sent = checksOptOutFirst(deps.sms)
      ? await deps.sms.send(sms, { optOutChecked: true })
      : await deps.sms.send(sms);
    return { kind: 'sent', providerMessageId: sent.providerMessageId, parts: sent.parts };
  } catch (error) {
    return notSent(error);
  }
};

/**
 * The provider's answer written down: sent with its attribution window; otherwise what afterSend
 * decides, given back (slot and spend) when it surely did not go out, else settled as it stands.
 */
const settleOutcome = async (ctx: SendContext, sendable: Sendable, claimed: Claimed, outcome: Published) => {
  const { deps, options, campaign, report } = ctx;
  const { campaignId, customerId, idempotencyKey } = sendable.item.message;
  const { attemptId } = claimed;
  if (outcome.kind === 'sent') {
    const sentAt = options.clock.now();
    await deps.messages.settleClaimed(campaignId, customerId, attemptId, {
      status: 'sent',
      sentAt: sentAt.toISOString(),
      attributeUntil: attributionEnd(sentAt, campaign.attributionDays),
      providerMessageId: outcome.providerMessageId,
      parts: outcome.parts,
      costFen: sendable.composed.costFen,
      updatedAt: options.clock.now().toISOString(),
    });
    report.sent += 1;
    return;
  }
  // the claim counted this attempt (ADD attempts); giving back leaves that count alone
  const next = afterSend(outcome, sendable.item.message.attempts + 1, SEND_RETRY_POLICY, options.clock.now());
  if (next.recordOptOut)
    await recordProviderOptOut(
      deps.consent,
      sendable.composed.sms.phone,
      options.clock.now(),
      idempotencyKey,
    );
  if (next.giveBack)
    await deps.messages.release({
      campaignId,
      customerId,
      attemptId,
      month: sendable.month,
      costFen: sendable.composed.costFen,
      ...(claimed.limits.length > 0 ? { limits: claimed.limits } : {}),
      set: { ...messageSet(next), updatedAt: options.clock.now().toISOString() },
    });
  else await deps.messages.settleClaimed(campaignId, customerId, attemptId, messageSet(next));
  countIn(report, next.status);
};

/** The decision as the send record's fields (no field for what it leaves unsaid). */
const messageSet = ({ status, reason, detail, notBefore }: AfterSend) => ({
  status,
  ...(reason === undefined ? {} : { reason }),
  ...(detail === undefined ? {} : { detail }),
  ...(notBefore === undefined ? {} : { notBefore }),
});
