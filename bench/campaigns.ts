// Campaigns bench: (1) building a 1% audience of a 20k-customer bank from the byManager index,
// against a full table scan — the audience must cost in proportion to its size, not the bank's;
// (2) the send rate the dispatch achieves against the configured rate, and seconds over it
// (rolling and calendar seconds) as the gateway saw the messages.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { startSmsGatewayServer } from '#infra/local/sms-gateway.js';
import { generateDemoBank } from '#infra/local/seed/demo-bank.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { system, tableEnvName } from '#infra/declaration/index.js';
import { fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { SnsSmsProvider } from '#shared/sms/sns-provider.js';
import { smsParts } from '#shared/sms/parts.js';
import { buildAudience } from '#shared/campaigns/audience.js';
import { dispatchCampaigns } from '#shared/campaigns/dispatch.js';
import type { OptOutCheckingSmsProvider } from '#shared/sms/provider.js';
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
/** The dispatched audience: a book of its own, so the 1% audience above stays 1%. */
const DISPATCH_RM = 'rm-bench-dispatch';

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
  // a 20k bank of the demo bank's shape; 1% of it in one RM's book, the dispatched audience in another
  const bank = generateDemoBank({ seed: 'bench-campaigns', customers: BANK, now });
  const added = bank.customers.map((c, i) => ({
    ...c,
    ...(i < AUDIENCE ? { managerId: BENCH_RM, smsConsent: true } : {}),
    ...(i >= AUDIENCE && i < AUDIENCE + DISPATCHED ? { managerId: DISPATCH_RM, smsConsent: true } : {}),
  }));
  await pool(Math.ceil(added.length / 25), 8, async (i) => {
    let request: Record<string, unknown[]> | undefined = {
      [table]: added.slice(i * 25, i * 25 + 25).map((Item) => ({ PutRequest: { Item } })),
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

  // dispatch DISPATCHED messages at RATE parts/s to a gateway of its own
  const gateway = await startSmsGatewayServer(0);
  const sms = new SnsSmsProvider({
    client: new SNSClient({
      endpoint: gateway.endpoint,
      region: 'ap-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      maxAttempts: 1,
    }),
  });
  const ids = ulidGenerator();
  const at = now.toISOString();
  const campaign = approvedCampaign({
    campaignId: ids.next('CMP'),
    name: 'bench',
    managerId: DISPATCH_RM,
    at,
    endAt: '2026-12-31T00:00:00Z',
    window: { start: '08:00', end: '20:00' },
  });
  await deps.campaigns.put(campaign, {
    entityKey: `campaign#${campaign.campaignId}`,
    auditId: ids.next(),
    actorId: 'bench',
    action: 'campaign.create',
    at,
    correlationId: 'bench',
  });
  // the moment each publish is handed to the provider (where the pacer's promise is kept), besides
  // the moment the gateway took it (after the HTTP hop, whose jitter on a busy machine is not ours)
  const handedOver: { at: number; parts: number }[] = [];
  const timed: OptOutCheckingSmsProvider = {
    checkOptOut: (message) => sms.checkOptOut(message),
    send: (message, options) => {
      handedOver.push({ at: Date.now(), parts: smsParts(message.text).parts });
      return sms.send(message, options);
    },
  };
  const report = await dispatchCampaigns(
    { ...deps, sms: timed },
    {
      clock: fixedClock(now),
      ids,
      caps: { perDay: 1, per7Days: 2 },
      pacer: { rate: RATE, marginMs: 40 },
      workers: 12,
      deadlineMs: Date.now() + 120_000,
      pricePerPartFen: 5,
      monthlyBudgetFen: 100_000_000,
      staleClaimMs: 300_000,
    },
  );
  const received = gateway.gateway.outbox().map((e) => ({ at: Date.parse(e.at), parts: e.parts }));
  await gateway.close();
  const sender = paceOf(handedOver);
  const provider = paceOf(received);
  line(
    `dispatch: ${fmt(report.sent)} sent of ${fmt(DISPATCHED)}, configured ${RATE} parts/s`,
    `achieved ${fmt(sender.achieved, 1)} parts/s (${fmt((sender.achieved / RATE) * 100, 1)}%)`,
  );
  line(
    'seconds over the rate, as handed to SNS (calendar; rolling)',
    `${sender.calendarOver}; ${sender.rollingOver}`,
  );
  line(
    'seconds over the rate, as the gateway took them (calendar; rolling)',
    `${provider.calendarOver}; ${provider.rollingOver}`,
  );
};

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
