// Campaign dispatch (every minute, and on demand): starts approved campaigns whose start has come,
// then sends queued messages inside their windows until shortly before the timeout. Runs may
// overlap: claims are conditional and the pacer is shared, so overlap never sends twice or too fast.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { clock, ids } from '#shared/adapters/runtime.js';
import { businessDateOf } from '#shared/clock.js';
import { logger } from '#shared/logging/logger.js';
import { smsProviderOf } from '#shared/sms/deps.js';
import { dispatchCampaigns } from '#shared/campaigns/dispatch.js';
import { dispatchSettings, dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { frequencyCaps } from '#shared/campaigns/compliance-gate.js';
import { pacerConfig } from '#shared/campaigns/pacer.js';

// the marketing path checks SNS's opt-out list before each publish (see sns-provider.ts)
const deps = dynamoDispatchDeps(smsProviderOf({ optOutCheck: 'marketing' }));

const handle = async (_event: unknown, context: Context) => {
  const remaining = context.getRemainingTimeInMillis();
  const report = await dispatchCampaigns(deps, {
    clock,
    ids,
    caps: frequencyCaps(),
    pacer: pacerConfig(),
    deadlineMs: Date.now() + Math.max(1000, remaining - Math.min(30_000, remaining / 4)),
    ...dispatchSettings(),
  });
  // the month's spend so far: the SMS spend metric and alarm read it from this line (infra/constructs/dashboards.ts)
  const monthSpentFen = await deps.counters.spent(businessDateOf(clock.now()).slice(0, 7));
  logger.info('campaign dispatch', { ...report, monthSpentFen });
  return report;
};

export const handler = middy(handle).use(injectLambdaContext(logger, { resetKeys: true }));
