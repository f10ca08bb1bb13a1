// Campaigns bench: (1) building a 1% audience of a 20k-customer bank from the byManager index,
// against a full table scan — the audience must cost in proportion to its size, not the bank's;
// (2) per SMS channel (sns, aliyun, tencent, bank-gateway, each through its real SDK or client
// against its local stand-in), the send rate the dispatch achieves ÷ the configured rate, and seconds
// over it (rolling and calendar seconds) as handed over and as the stand-in took the messages.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { startSmsGatewayServer } from '#infra/local/sms-gateway.js';
import { localChannelEnv, mountChannelStandIn } from '#infra/local/sms-channels/index.js';
import { accountOpeningConsent, generateDemoBank } from '#infra/local/seed/demo-bank.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { system, tableEnvName } from '#infra/declaration/index.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { SnsSmsProvider } from '#shared/sms/sns-provider.js';
import { smsProviderOf } from '#shared/sms/deps.js';
import { SMS_CHANNELS, type SmsChannelName } from '#shared/sms/channel.js';
import { smsParts } from '#shared/sms/parts.js';
import { buildAudience } from '#shared/campaigns/audience.js';
import { dispatchCampaigns } from '#shared/campaigns/dispatch.js';
import type { OptOutCheckingSmsProvider, SmsMessage, SmsProvider } from '#shared/sms/provider.js';
import { dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { approvedCampaign } from './fixtures.js';
import { fmt, line, pool, summary } from './support.js';

const BANK = Number(process.env.OCRM_BENCH_CAMPAIGN_CUSTOMERS ?? 20_000);
const AUDIENCE = BANK / 100;
/** The declared default of campaigns-dispatch (OCRM_SMS_RATE_PARTS_PER_SECOND). */
const RATE = 20;
/** Messages dispatched: 30 s at RATE, so the start and the end of the run weigh little in the rate. */
const DISPATCHED = Number(process.env.OCRM_BENCH_CAMPAIGN_MESSAGES ?? RATE * 30);
const BENCH_RM = 'rm-bench-campaigns';
/** Each channel's dispatched audience: a book of its own, so the 1% audience above stays 1%. */
const dispatchRm = (channel: SmsChannelName) => `rm-bench-dispatch-${channel}`;

export const runCampaignsBench = async (runtime: LocalRuntime) => {
  console.log('\ncampaigns');
  // The 20k bank goes into a customers table of its own, made from the same declaration (same keys,
  // same indexes) but without the stream: the runtime's consumers of customer changes (data quality
  // …) would otherwise spend the next hour on 20k inserts and be what this bench measures.
  const declared = system.tables.find((t) => t.id === 'customers')!;
  const prefix = `${runtime.tablePrefix}bench-campaigns-`;
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: process.env.AWS_REGION ?? 'ap-east-1',
  });
  await ensureTables(client, prefix, [{ ...declared, stream: undefined }]);
  const table = physicalTableName(prefix, declared);
  const customersEnv = tableEnvName('customers');
  const runtimeCustomers = process.env[customersEnv];
  process.env[customersEnv] = table;
  try {
    await bench(runtime, table);
  } finally {
    process.env[customersEnv] = runtimeCustomers;
    client.destroy();
  }
};

const bench = async (runtime: LocalRuntime, table: string) => {
  const now = new Date('2026-11-20T02:00:00Z');
  // a 20k bank of the demo bank's shape; 1% of it in one RM's book, each channel's audience in another
  const bank = generateDemoBank({ seed: 'bench-campaigns', customers: BANK, now });
  const channelOf = (i: number) => SMS_CHANNELS[Math.floor((i - AUDIENCE) / DISPATCHED)];
  const added = bank.customers.map((c, i) => ({
    ...c,
    ...(i < AUDIENCE ? { managerId: BENCH_RM, smsConsent: true } : {}),
    ...(i >= AUDIENCE && channelOf(i) ? { managerId: dispatchRm(channelOf(i)!), smsConsent: true } : {}),
  }));
  // each dispatched customer's consent of record too (the ledger the gate reads): without it the
  // gate suppresses them (no consent), whatever their record says
  const ledger = added
    .filter((c, i) => i >= AUDIENCE && channelOf(i) && c.phone)
    .flatMap((c) => accountOpeningConsent(c));
  const batches = [
    ...chunks(added, 25).map((items) => ({ table, items })),
    ...chunks(ledger, 25).map((items) => ({ table: runtime.tableName('sms-consent'), items })),
  ];
  await pool(batches.length, 8, async (i) => {
    const { table: into, items } = batches[i]!;
    let request: Record<string, unknown[]> | undefined = {
      [into]: items.map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      const result = await runtime.document.send(new BatchWriteCommand({ RequestItems: request as never }));
      request = result.UnprocessedItems as typeof request;
    }
  });

  const deps = dynamoDispatchDeps(new SnsSmsProvider());
  const buildOnce = async () => {
    const started = performance.now();
    let found = 0;
    for await (const page of buildAudience(deps, { managerIds: [BENCH_RM] }, '/HO/', [], now))
      found += page.length;
    return { ms: performance.now() - started, found };
  };
  const scanOnce = async () => {
    const started = performance.now();
    let found = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await runtime.document.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start }),
      );
      found += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return { ms: performance.now() - started, found };
  };
  // warmed up, then interleaved, median of three: both face the same machine
  await buildOnce();
  const builds: number[] = [];
  const scans: number[] = [];
  let members = 0;
  let scanned = 0;
  for (let i = 0; i < 3; i++) {
    const b = await buildOnce();
    const s = await scanOnce();
    builds.push(b.ms);
    scans.push(s.ms);
    members = b.found;
    scanned = s.found;
  }
  const audienceMs = summary(builds).p50;
  const scanMs = summary(scans).p50;
  line(
    `audience build, ${fmt(members)} of ${fmt(scanned)} customers (byManager index)`,
    `${fmt(audienceMs)} ms`,
  );
  line('full table scan of the same bank', `${fmt(scanMs)} ms`);
  line(
    'audience build / full scan',
    `${fmt(audienceMs / scanMs, 3)} (audience is ${fmt((members / scanned) * 100, 1)}% of the bank)`,
  );

  for (const channel of SMS_CHANNELS) await dispatchOn(runtime, deps, channel, now);
};

/** The channel's sender against its stand-in, and what the stand-in took (at, parts), once done. */
const channelUnderTest = async (runtime: LocalRuntime, channel: SmsChannelName) => {
  if (channel === 'sns') {
    // SNS to a gateway of its own, one attempt per call
    const gateway = await startSmsGatewayServer(0);
    const sms = new SnsSmsProvider({
      client: new SNSClient({
        endpoint: gateway.endpoint,
        region: 'ap-east-1',
        credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
        maxAttempts: 1,
      }),
    });
    return {
      sms,
      done: async () => {
        const received = gateway.gateway.outbox().map((e) => ({ at: Date.parse(e.at), parts: e.parts }));
        await gateway.close();
        return received;
      },
    };
  }
  // the stand-in on the runtime's gateway, pushing its receipts to the runtime's callback routes
  const env = localChannelEnv(channel, runtime.url);
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  runtime.sms.reset();
  const standIn = mountChannelStandIn(runtime.sms, channel, runtime.url)!;
  return {
    sms: smsProviderOf({ channel, env: process.env }),
    done: async () => {
      await standIn.settled();
      const received = runtime.sms
        .outbox()
        .filter((e) => e.channel === channel)
        .map((e) => ({ at: Date.parse(e.at), parts: e.parts }));
      for (const [key, value] of Object.entries(saved))
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      return received;
    },
  };
};

/** DISPATCHED messages at RATE parts/s through one channel; its achieved rate ÷ RATE. */
const dispatchOn = async (
  runtime: LocalRuntime,
  deps: ReturnType<typeof dynamoDispatchDeps>,
  channel: SmsChannelName,
  now: Date,
) => {
  const { sms, done } = await channelUnderTest(runtime, channel);
  const ids = ulidGenerator();
  const at = now.toISOString();
  const campaign = approvedCampaign({
    campaignId: ids.next('CMP'),
    name: `bench ${channel}`,
    managerId: dispatchRm(channel),
    at,
    endAt: '2026-12-31T00:00:00Z',
    window: { start: '08:00', end: '20:00' },
  });
  const audit = {
    entityKey: `campaign#${campaign.campaignId}`,
    auditId: ids.next(),
    actorId: 'bench',
    action: 'campaign.create',
    at,
    correlationId: 'bench',
  };
  await deps.campaigns.put(campaign, audit);
  // the moment each publish is handed to the provider (where the pacer's promise is kept), besides
  // the moment the stand-in took it (after the HTTP hop, whose jitter on a busy machine is not ours)
  const handedOver: { at: number; parts: number }[] = [];
  const stamp = (message: SmsMessage) =>
    handedOver.push({ at: Date.now(), parts: smsParts(message.text).parts });
  const timed: SmsProvider | OptOutCheckingSmsProvider =
    sms instanceof SnsSmsProvider
      ? {
          checkOptOut: (message: SmsMessage) => sms.checkOptOut(message),
          send: (message: SmsMessage, options?: { optOutChecked?: boolean }) => {
            stamp(message);
            return sms.send(message, options);
          },
        }
      : {
          // the channel goes along: its own per-number limits are kept as in production
          ...(sms.channel ? { channel: sms.channel } : {}),
          send: (message: SmsMessage) => {
            stamp(message);
            return sms.send(message);
          },
        };
  const run = (deadlineMs: number) =>
    dispatchCampaigns(
      { ...deps, sms: timed },
      {
        clock: fixedClock(now),
        ids,
        caps: { perDay: 1, per7Days: 2 },
        pacer: { rate: RATE, marginMs: 40 },
        workers: 12,
        deadlineMs,
        pricePerPartFen: 5,
        monthlyBudgetFen: 100_000_000,
        staleClaimMs: 300_000,
      },
    );
  // the first run only starts the campaign (freezes its audience); the measured run sends
  const started = performance.now();
  await run(Date.now());
  const frozenS = (performance.now() - started) / 1000;
  const report = await run(Date.now() + 120_000);
  // paused once measured, so the next channel's runs send only its own campaign
  const current = (await deps.campaigns.get(campaign.campaignId))!;
  await deps.campaigns.put(
    { ...current, status: 'paused', pausedFrom: 'running', version: current.version + 1 },
    { ...audit, auditId: ids.next(), action: 'campaign.pause' },
    current.version,
  );
  const sender = paceOf(handedOver);
  const provider = paceOf(await done());
  line(
    `dispatch ${channel}: ${fmt(report.sent)} sent of ${fmt(DISPATCHED)} (${report.requeued} back in the queue, ${report.failed} failed; audience frozen in ${fmt(frozenS, 1)} s), configured ${RATE} parts/s`,
    `achieved ${fmt(sender.achieved, 1)} parts/s (${fmt(sender.achieved / RATE, 3)} of configured)`,
  );
  line(
    `${channel}: seconds over the rate, as handed over (calendar; rolling)`,
    `${sender.calendarOver}; ${sender.rollingOver}`,
  );
  line(
    `${channel}: seconds over the rate, as the stand-in took them (calendar; rolling)`,
    `${provider.calendarOver}; ${provider.rollingOver}`,
  );
};

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** Achieved parts/s from the first to the last, and 1-second windows over RATE. */
const paceOf = (sent: { at: number; parts: number }[]) => {
  const times = sent.map((e) => e.at).sort((a, b) => a - b);
  const parts = sent.reduce((s, e) => s + e.parts, 0);
  const spanS = (times.at(-1)! - times[0]!) / 1000;
  const firstParts = sent.find((e) => e.at === times[0])?.parts ?? 1;
  // parts after the first publish, over the time from the first to the last
  const achieved = spanS > 0 ? (parts - firstParts) / spanS : NaN;
  const rollingOver = sent.filter(
    (e) => sent.filter((o) => o.at > e.at - 1000 && o.at <= e.at).reduce((s, o) => s + o.parts, 0) > RATE,
  ).length;
  const buckets = new Map<number, number>();
  for (const e of sent)
    buckets.set(Math.floor(e.at / 1000), (buckets.get(Math.floor(e.at / 1000)) ?? 0) + e.parts);
  const calendarOver = [...buckets.values()].filter((n) => n > RATE).length;
  return { achieved, rollingOver, calendarOver };
};
