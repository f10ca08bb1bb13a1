// Dispatch (发送): starts approved campaigns whose time has come, then sends their queued messages
// through the SMS provider port, highest priority first, with concurrent workers that share one
// pacer. Per message: the compliance gate, the provider's opt-out list, a pacer slot, then just
// before it the conditional claim (send record, frequency slot and monthly spend in one
// transaction, which also checks that the campaign still runs and that the customer's consent and
// number are as the gate read them: the last look), then the provider, then the outcome:
//   sent → `sent`; throttled or certainly-not-sent → back to `queued` after a backoff, slot and
//   spend given back; opted out at the provider → `suppressed`, the opt-out written back;
//   rejected → `failed`; maybe sent (timeout, 5xx) → `failed` (outcome_unknown), never retried.
// A claim left `sending` by a crash is never sent again: the reaper marks it outcome_unknown.
import { businessDateOf, type Clock } from '#shared/adapters/clock.js';
import type { IdGenerator } from '#shared/adapters/ids.js';
import { consentStanding } from '#shared/consent/consent.js';
import { recordProviderOptOut } from '#shared/consent/ledger.js';
import type { Customer } from '#shared/customers/customer.js';
import type { StaffStore } from '#shared/staff/ports.js';
import { smsParts } from '#shared/sms/parts.js';
import {
  checksOptOutFirst,
  isSmsFailure,
  type OptOutCheckingSmsProvider,
  type SmsMessage,
  type SmsProvider,
} from '#shared/sms/provider.js';
import { logger } from '#shared/logging/logger.js';
import type { Campaign } from './campaign.js';
import {
  consentReason,
  judge,
  pruneSends,
  type FrequencyCaps,
  type SuppressionReason,
} from './compliance-gate.js';
import { startCampaign } from './freeze.js';
import type { CampaignDeps } from './lifecycle.js';
import { attributionEnd, type CampaignMessage } from './message.js';
import { emptyPacer, planSlots, type PacerConfig } from './pacer.js';
import { render, TIER_LABELS } from './template.js';
import { inWindow } from './window.js';

export interface DispatchDeps extends CampaignDeps {
  staff: StaffStore;
  sms: SmsProvider | OptOutCheckingSmsProvider;
}

export interface DispatchOptions {
  clock: Clock;
  ids: IdGenerator;
  caps: FrequencyCaps;
  pacer: PacerConfig;
  /** Concurrent senders in this run. */
  workers: number;
  /** Stop taking messages after this instant (Date.now() ms). */
  deadlineMs: number;
  pricePerPartFen: number;
  monthlyBudgetFen: number;
  senderId?: string;
  /** A claim older than this is a crashed attempt: never resent. */
  staleClaimMs: number;
  /** Real time for pacing (the business clock may be fixed in tests). */
  timer?: { now(): number; sleep(ms: number): Promise<void> };
}

export interface DispatchReport {
  started: string[];
  completed: string[];
  sent: number;
  suppressed: number;
  requeued: number;
  failed: number;
  budgetExhausted: boolean;
}

const realTimer = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

const PACER_KEY = 'marketing';
const BATCH = 50;

export const dispatchCampaigns = async (
  deps: DispatchDeps,
  options: DispatchOptions,
): Promise<DispatchReport> => {
  const timer = options.timer ?? realTimer;
  const report: DispatchReport = {
    started: [],
    completed: [],
    sent: 0,
    suppressed: 0,
    requeued: 0,
    failed: 0,
    budgetExhausted: false,
  };

  for (const campaign of await deps.campaigns.byStatus('approved')) {
    if (Date.parse(campaign.schedule.startAt) > options.clock.now().getTime()) continue;
    if (await startCampaign(deps, options.clock, campaign)) report.started.push(campaign.campaignId);
  }
  for (const campaign of await deps.campaigns.byStatus('cancelled')) {
    await drainQueue(deps, campaign, 'campaign_cancelled', report, options);
  }

  const running = (await deps.campaigns.byStatus('running')).sort((a, b) => b.priority - a.priority);
  const pacer = sharedPacer(deps, options, timer);
  const names = new Map<string, string>();
  const orgNames = new Map<string, string>();

  for (const listed of running) {
    const campaign = await deps.campaigns.get(listed.campaignId);
    if (!campaign || campaign.status !== 'running') continue;
    await reapStaleClaims(deps, campaign, options, report);
    const now = options.clock.now();
    if (now.getTime() >= Date.parse(campaign.schedule.endAt)) {
      await drainQueue(deps, campaign, 'campaign_ended', report, options);
      if (await complete(deps, campaign, options)) report.completed.push(campaign.campaignId);
      continue;
    }
    if (!inWindow(now, campaign.schedule.window)) continue; // waits for the next window

    const feed = messageFeed(deps, campaign, options, Math.max(BATCH, options.workers * 2));
    const work = async () => {
      while (timer.now() < options.deadlineMs && !report.budgetExhausted) {
        const next = await feed.next();
        if (!next) return;
        const { message, customer, standing } = next;
        await sendOne(deps, options, timer, pacer, campaign, message, customer, standing, report, {
          names,
          orgNames,
        });
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.workers) }, work));
    } finally {
      await feed.close();
    }
    const left = [
      ...(await deps.campaigns.queue(campaign.campaignId, 'queued', 1)),
      ...(await deps.campaigns.queue(campaign.campaignId, 'sending', 1)),
    ];
    if (left.length === 0 && (await complete(deps, campaign, options)))
      report.completed.push(campaign.campaignId);
  }
  return report;
};

type Standing = ReturnType<typeof consentStanding> | undefined;

interface FeedItem {
  message: CampaignMessage;
  customer: Customer | undefined;
  standing: Standing;
}

/**
 * The queue of one campaign as one stream the workers pull from, a page read ahead: no worker
 * waits for the others to finish a batch (a barrier idles the pacer at every batch end). A pause or
 * cancel stops the next sends: the campaign is read again as each page is started. At the end of a
 * pass, once more from the start (messages put back after a throttle) unless the pass sent nothing.
 */
const messageFeed = (deps: DispatchDeps, campaign: Campaign, options: DispatchOptions, size: number) => {
  const readPage = async (after?: string) => {
    const raw = await deps.campaigns.queue(campaign.campaignId, 'queued', size, after);
    const due = raw.filter((m) => !m.notBefore || Date.parse(m.notBefore) <= options.clock.now().getTime());
    const customers = await Promise.all(due.map((m) => deps.customers.get(m.customerId)));
    const known = customers.filter((c): c is Customer => c !== undefined);
    const { consents, phones } = await deps.consent.standings(known);
    const byId = new Map(known.map((c) => [c.customerId, c]));
    const items = due.map((message): FeedItem => {
      const customer = byId.get(message.customerId);
      const standing = customer
        ? consentStanding(
            customer,
            consents.get(customer.customerId),
            customer.phone ? phones.get(customer.phone) : undefined,
          )
        : undefined;
      return { message, customer, standing };
    });
    return { items, last: raw.at(-1)?.customerId, after };
  };
  const from = (after?: string) => {
    const read = readPage(after);
    // read ahead: a failure surfaces where it is awaited, not as an unhandled rejection meanwhile
    read.catch(() => undefined);
    return read;
  };
  let upcoming = from();
  let current: FeedItem[] = [];
  let progressed = false;
  let done = false;
  const pull = async (): Promise<FeedItem | undefined> => {
    while (!done) {
      const item = current.shift();
      if (item) return item;
      const page = await upcoming;
      if (page.last === undefined) {
        if (page.after === undefined || !progressed) {
          done = true;
          return undefined;
        }
        progressed = false;
        upcoming = from();
        continue;
      }
      upcoming = from(page.last);
      if (page.items.length === 0) continue; // this page waits for its notBefore
      const fresh = await deps.campaigns.get(campaign.campaignId);
      if (fresh?.status !== 'running') {
        done = true;
        return undefined;
      }
      progressed = true;
      current = page.items;
    }
    return undefined;
  };
  // one puller at a time: pages are taken in order and each item goes to exactly one worker
  let turn: Promise<unknown> = Promise.resolve();
  return {
    next: (): Promise<FeedItem | undefined> => {
      const mine = turn.then(pull);
      turn = mine.catch(() => undefined);
      return mine;
    },
    /** A read in flight when the workers stop is not needed. */
    close: async () => {
      done = true;
      await upcoming.catch(() => undefined);
    },
  };
};

const sendOne = async (
  deps: DispatchDeps,
  options: DispatchOptions,
  timer: NonNullable<DispatchOptions['timer']>,
  pacer: ReturnType<typeof sharedPacer>,
  campaign: Campaign,
  message: CampaignMessage,
  customer: Customer | undefined,
  standing: Standing,
  report: DispatchReport,
  caches: { names: Map<string, string>; orgNames: Map<string, string> },
) => {
  const { campaignId, customerId } = message;
  const now = options.clock.now();
  const frequency = await deps.campaigns.sendsOf(customerId);
  const decision = judge({
    now,
    campaign: {
      campaignId,
      scopeOrgPath: campaign.scopeOrgPath,
      endAt: campaign.schedule.endAt,
      window: campaign.schedule.window,
    },
    customer,
    standing,
    sends: frequency.sends,
    caps: options.caps,
  });
  if (decision.action === 'wait') {
    await deps.campaigns.settleQueued(campaignId, customerId, {
      status: 'queued',
      notBefore: decision.until.toISOString(),
      updatedAt: now.toISOString(),
    });
    return;
  }
  if (decision.action === 'suppress') {
    if (
      await deps.campaigns.settleQueued(campaignId, customerId, {
        status: 'suppressed',
        reason: decision.reason,
        updatedAt: now.toISOString(),
      })
    )
      report.suppressed += 1;
    return;
  }
  const text = render(campaign.template.text, {
    name: customer!.name,
    tier: TIER_LABELS[customer!.tier],
    managerName: await cached(
      caches.names,
      customer!.managerId,
      async () => (await deps.staff.get(customer!.managerId))?.name ?? '',
    ),
    orgName: await cached(
      caches.orgNames,
      customer!.orgId,
      async () => (await deps.orgs.get(customer!.orgId))?.name ?? '',
    ),
  });
  const parts = smsParts(text).parts;
  const costFen = parts * options.pricePerPartFen;
  const today = businessDateOf(now);
  const month = today.slice(0, 7);

  const sms: SmsMessage = {
    phone: customer!.phone!,
    text,
    kind: 'marketing',
    idempotencyKey: message.idempotencyKey,
    ...(options.senderId ? { senderId: options.senderId } : {}),
  };
  // the provider's opt-out list first (not a send): an opted-out number is never claimed
  const precheck = checksOptOutFirst(deps.sms) ? deps.sms : undefined;
  if (precheck) {
    try {
      await precheck.checkOptOut(sms);
    } catch (error) {
      return notClaimed(deps, options, message, customer!.phone!, error, report);
    }
  }

  // a slot, then the claim just before it (the claim's round trip ahead), so that between the last
  // look at the ledger and the campaign and the Publish there is only that round trip
  let slot = await pacer.take(parts);
  await timer.sleep(slot - pacer.claimLeadMs() - timer.now());
  const attemptId = options.ids.next('A');
  const claimStarted = timer.now();
  const outcome = await deps.campaigns.claim({
    message,
    attemptId,
    at: options.clock.now().toISOString(),
    frequency: {
      version: frequency.version,
      sends: { ...pruneSends(frequency.sends, today), [campaignId]: today },
    },
    budget: { month, costFen, limitFen: options.monthlyBudgetFen },
    guards: {
      phone: customer!.phone!,
      consentVersion: standing?.versions?.customer,
      phoneVersion: standing?.versions?.phone,
    },
  });
  pacer.claimTook(timer.now() - claimStarted);
  if (outcome === 'taken' || outcome === 'frequency_race') return; // another worker has it / read again next batch
  if (outcome === 'budget_exhausted') {
    report.budgetExhausted = true;
    logger.warn('monthly SMS budget reached: sending stops', { month });
    return;
  }
  if (outcome === 'campaign_stopped' || outcome === 'consent_changed') {
    return lastLookFailed(deps, options, message, customer!, outcome, report);
  }
  const release = (set: Partial<CampaignMessage> & { status: CampaignMessage['status'] }) =>
    deps.campaigns.release({
      campaignId,
      customerId,
      attemptId,
      month,
      costFen,
      set: { ...set, updatedAt: options.clock.now().toISOString() },
    });

  // not sent: put back, suppressed or failed by what the provider said
  const unsent = async (error: unknown) => {
    if (!isSmsFailure(error)) {
      // unknown: it may have gone out; never send again
      await deps.campaigns.settleClaimed(campaignId, customerId, attemptId, {
        status: 'failed',
        reason: 'outcome_unknown',
        detail: String((error as Error).message).slice(0, 200),
      });
      report.failed += 1;
      return;
    }
    // the claim counted this attempt (ADD attempts); the release leaves that count alone
    const attempts = message.attempts + 1;
    switch (error.kind) {
      case 'throttled': {
        const backoff = error.retryAfterMs ?? Math.min(60_000, 500 * 2 ** Math.min(attempts, 7));
        if (attempts >= 10) {
          await release({ status: 'failed', reason: 'retries_exhausted', detail: error.message });
          report.failed += 1;
        } else {
          await release({
            status: 'queued',
            detail: error.message,
            notBefore: new Date(options.clock.now().getTime() + backoff).toISOString(),
          });
          report.requeued += 1;
        }
        return;
      }
      case 'opted_out':
        await recordProviderOptOut(
          deps.consent,
          customer!.phone!,
          options.clock.now(),
          message.idempotencyKey,
        );
        await release({ status: 'suppressed', reason: 'opted_out_at_provider' });
        report.suppressed += 1;
        return;
      case 'rejected':
        await release({ status: 'failed', reason: `rejected_${error.reason}`, detail: error.message });
        report.failed += 1;
        return;
      case 'unavailable':
        if (error.maybeSent) {
          await deps.campaigns.settleClaimed(campaignId, customerId, attemptId, {
            status: 'failed',
            reason: 'outcome_unknown',
            detail: error.message,
          });
          report.failed += 1;
        } else if (attempts >= 6) {
          await release({ status: 'failed', reason: 'retries_exhausted', detail: error.message });
          report.failed += 1;
        } else {
          await release({
            status: 'queued',
            detail: error.message,
            notBefore: new Date(options.clock.now().getTime() + 1000 * 2 ** attempts).toISOString(),
          });
          report.requeued += 1;
        }
        return;
    }
  };

  // on time for the slot; late for it (a slow claim, a paused event loop)? a wasted slot only lowers the rate: take another
  await timer.sleep(slot - timer.now());
  while (timer.now() > slot + options.pacer.marginMs) {
    slot = await pacer.take(parts);
    await timer.sleep(slot - timer.now());
  }
  try {
    const sent = precheck ? await precheck.send(sms, { optOutChecked: true }) : await deps.sms.send(sms);
    const sentAt = options.clock.now();
    await deps.campaigns.settleClaimed(campaignId, customerId, attemptId, {
      status: 'sent',
      sentAt: sentAt.toISOString(),
      attributeUntil: attributionEnd(sentAt, campaign.attributionDays),
      providerMessageId: sent.providerMessageId,
      parts: sent.parts,
      costFen,
      updatedAt: options.clock.now().toISOString(),
    });
    report.sent += 1;
  } catch (error) {
    await unsent(error);
  }
};

/**
 * The provider's opt-out check failed before anything was claimed: an opted-out number is written
 * back and the message suppressed; any other failure sent nothing, so the message waits and is
 * tried again.
 */
const notClaimed = async (
  deps: DispatchDeps,
  options: DispatchOptions,
  message: CampaignMessage,
  phone: string,
  error: unknown,
  report: DispatchReport,
) => {
  const now = options.clock.now();
  if (isSmsFailure(error) && error.kind === 'opted_out') {
    await recordProviderOptOut(deps.consent, phone, now, message.idempotencyKey);
    if (
      await deps.campaigns.settleQueued(message.campaignId, message.customerId, {
        status: 'suppressed',
        reason: 'opted_out_at_provider',
        updatedAt: now.toISOString(),
      })
    )
      report.suppressed += 1;
    return;
  }
  const retryAfterMs = isSmsFailure(error) && error.kind === 'throttled' ? error.retryAfterMs : undefined;
  await deps.campaigns.settleQueued(message.campaignId, message.customerId, {
    status: 'queued',
    detail: String((error as Error).message).slice(0, 200),
    notBefore: new Date(now.getTime() + (retryAfterMs ?? 1000)).toISOString(),
    updatedAt: now.toISOString(),
  });
  report.requeued += 1;
};

/**
 * The claim's last look failed: a refusal, a pause or a cancel landed after the page was read.
 * Read again what changed and settle the message by it: suppressed with the reason (opted out,
 * consent withdrawn, campaign cancelled), or left queued (a paused campaign resumes; a change that
 * leaves the customer eligible is judged again on the next pass).
 */
const lastLookFailed = async (
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
    await deps.campaigns.settleQueued(message.campaignId, message.customerId, {
      status: 'suppressed',
      reason,
      updatedAt: options.clock.now().toISOString(),
    })
  )
    report.suppressed += 1;
};

const cached = async (cache: Map<string, string>, key: string, load: () => Promise<string>) => {
  if (!cache.has(key)) cache.set(key, await load());
  return cache.get(key)!;
};

/**
 * One pacer shared by every worker of every run: slots come from the slot log in DynamoDB. Here the
 * takers queue up and whoever is waiting when the log is free is planned in one conditional write.
 */
const sharedPacer = (
  deps: DispatchDeps,
  options: DispatchOptions,
  timer: NonNullable<DispatchOptions['timer']>,
) => {
  const waiting: { parts: number; resolve: (slot: number) => void; reject: (error: unknown) => void }[] = [];
  let busy = false;
  // slots are planned this far ahead, so a slot is still ahead when its conditional write comes back
  let leadMs = 50;
  const drain = async () => {
    if (busy) return;
    busy = true;
    try {
      while (waiting.length) {
        const group = waiting.splice(0, waiting.length);
        try {
          for (;;) {
            const began = timer.now();
            const { version, state } = await deps.campaigns.pacer(PACER_KEY);
            const planned = planSlots(
              state ?? emptyPacer(),
              timer.now() + leadMs,
              group.map((g) => g.parts),
              options.pacer,
            );
            const saved = await deps.campaigns.savePacer(PACER_KEY, planned.state, version);
            leadMs = Math.min(2000, Math.max(20, 2 * (timer.now() - began)));
            if (saved) {
              group.forEach((g, i) => g.resolve(planned.slots[i]!));
              break;
            }
          }
        } catch (error) {
          group.forEach((g) => g.reject(error));
        }
      }
    } finally {
      busy = false;
    }
  };
  // how long a claim takes (a moving average): it is started that much before its slot
  let claimMs = 20;
  return {
    claimLeadMs: () => Math.ceil(claimMs),
    claimTook: (ms: number) => {
      claimMs = Math.min(1000, Math.max(1, 0.8 * claimMs + 0.2 * ms));
    },
    take: (parts: number): Promise<number> =>
      new Promise<number>((resolve, reject) => {
        waiting.push({ parts, resolve, reject });
        void drain();
      }),
  };
};

const reapStaleClaims = async (
  deps: DispatchDeps,
  campaign: Campaign,
  options: DispatchOptions,
  report: DispatchReport,
) => {
  const cutoff = options.clock.now().getTime() - options.staleClaimMs;
  for (const m of await deps.campaigns.queue(campaign.campaignId, 'sending', 100)) {
    if (m.attemptId && m.claimedAt && Date.parse(m.claimedAt) < cutoff) {
      if (
        await deps.campaigns.settleClaimed(campaign.campaignId, m.customerId, m.attemptId, {
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

const drainQueue = async (
  deps: DispatchDeps,
  campaign: Campaign,
  reason: 'campaign_ended' | 'campaign_cancelled',
  report: DispatchReport,
  options: DispatchOptions,
) => {
  for (;;) {
    const queued = await deps.campaigns.queue(campaign.campaignId, 'queued', 100);
    let moved = 0;
    for (const m of queued) {
      if (
        await deps.campaigns.settleQueued(campaign.campaignId, m.customerId, {
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

const complete = async (deps: DispatchDeps, campaign: Campaign, options: DispatchOptions) => {
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
