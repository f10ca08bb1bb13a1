// Dispatch (发送): starts approved campaigns whose time has come, then sends their queued messages
// through the SMS provider port, highest priority first, with concurrent workers that share one
// pacer. Per message (send-one.ts): the compliance gate, the provider's opt-out list, a pacer slot,
// then just before it the conditional claim (send record, frequency slot and monthly spend in one
// transaction, which also checks that the campaign still runs and that the customer's consent and
// number are as the gate read them: the last look), then the provider, then the outcome
// (after-send.ts):
//   sent → `sent`; throttled or certainly-not-sent → back to `queued` after a backoff, slot and
//   spend given back; opted out at the provider → `suppressed`, the opt-out written back;
//   rejected → `failed`; maybe sent (timeout, 5xx) → `failed` (outcome_unknown), never retried.
// A claim left `sending` by a crash is never sent again: the reaper marks it outcome_unknown.
import type { DispatchDeps, DispatchOptions, DispatchReport, Timer } from './dispatch-context.js';
import { startCampaign } from './freeze.js';
import { messageFeed } from './message-feed.js';
import { nameLookup } from './name-lookup.js';
import { completeCampaign, drainQueue, reapStaleClaims } from './queue-upkeep.js';
import { sendOne, type SendContext } from './send-one.js';
import { sharedPacer } from './shared-pacer.js';
import { inWindow } from './window.js';

export type { DispatchDeps, DispatchOptions, DispatchReport } from './dispatch-context.js';

const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

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
  const pacer = sharedPacer(deps.counters, options.pacer, timer);
  const names = nameLookup(deps);

  for (const listed of running) {
    const campaign = await deps.campaigns.get(listed.campaignId);
    if (!campaign || campaign.status !== 'running') continue;
    await reapStaleClaims(deps, campaign, options, report);
    const now = options.clock.now();
    if (now.getTime() >= Date.parse(campaign.schedule.endAt)) {
      await drainQueue(deps, campaign, 'campaign_ended', report, options);
      if (await completeCampaign(deps, campaign, options)) report.completed.push(campaign.campaignId);
      continue;
    }
    if (!inWindow(now, campaign.schedule.window)) continue; // waits for the next window

    await sendQueued({ deps, options, timer, pacer, campaign, report, names });
    const left = [
      ...(await deps.messages.queue(campaign.campaignId, 'queued', 1)),
      ...(await deps.messages.queue(campaign.campaignId, 'sending', 1)),
    ];
    if (left.length === 0 && (await completeCampaign(deps, campaign, options)))
      report.completed.push(campaign.campaignId);
  }
  return report;
};

/** The campaign's queue through the workers, until it is empty, the deadline or the budget. */
const sendQueued = async (ctx: SendContext) => {
  const { deps, options, timer, campaign, report } = ctx;
  const feed = messageFeed(deps, campaign, options.clock, Math.max(BATCH, options.workers * 2));
  const work = async () => {
    while (timer.now() < options.deadlineMs && !report.budgetExhausted) {
      const next = await feed.next();
      if (!next) return;
      await sendOne(ctx, next);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.workers) }, work));
  } finally {
    await feed.close();
  }
};
