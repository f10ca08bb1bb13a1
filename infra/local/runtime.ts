// The whole system on one machine: DynamoDB Local, tables from the declaration, the HTTP API with
// its JWT authorizer, stream pollers, the SNS-compatible SMS gateway, schedules and the demo bank.
// `npm start` runs it from main.ts; integration tests start it in-process on the shared DynamoDB Local.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { system } from '#infra/declaration/index.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { CURSOR_KEY_ENV } from '#shared/http/pagination.js';
import { systemClock } from '#shared/adapters/clock.js';
import { type Clock } from '#shared/clock.js';
import { startDynamoLocal, type DynamoLocal } from './dynamo-local.js';
import { ensureTables, physicalTableName } from './tables.js';
import { planLocalRuntime, type LocalPlan } from './plan.js';
import { createHttpServer } from './http-server.js';
import { devKeyFile, jwtVerifier, loadOrCreateDevKey, signDevToken } from './jwt.js';
import { startSchedules, type LocalSchedules } from './schedules.js';
import { createSmsGateway, type SmsGateway } from './sms-gateway.js';
import { startStreamPollers, type LocalStreams } from './streams/index.js';
import { localDeadLetterQueues } from './streams/dead-letter-queues.js';
import { provideDeadLetterQueues } from '#shared/dead-letters/queues.js';
import {
  generateDemoBank,
  emptyBank,
  DEFAULT_CUSTOMERS,
  DEFAULT_SEED,
  demoLogins,
  type DemoLogin,
} from './seed/demo-bank.js';
import { isSeeded, loadDemoBank } from './seed/load.js';
import { progressBar } from './seed/progress.js';
import { localTools } from './tools.js';
import { webStatic } from './web-static.js';
import { startTransactionFeed, type TransactionFeed } from './feed.js';
import { startS3StandIn, type S3StandIn } from './s3-stand-in.js';
import { AUDIT_ARCHIVE_BUCKET_ENV } from '#shared/audit/s3-archive.js';

export interface LocalRuntimeOptions {
  /** HTTP port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Keep DynamoDB data (and stream checkpoints) here across restarts; in memory when absent. */
  dataDir?: string;
  /** Use this DynamoDB Local instead of starting one (tests share one per run). */
  dynamoEndpoint?: string;
  /** Physical table names are prefix + id. Default `ocrm-`. */
  tablePrefix?: string;
  /** `demo` (default), `empty` (head office and admin only) or `none`. */
  seed?: 'demo' | 'empty' | 'none';
  demoCustomers?: number;
  /** Start the clock at this instant; it then runs. */
  now?: string;
  /** Poll streams (default true). */
  streams?: boolean;
  /** Arm cron timers (default true); schedules can always be run on demand. */
  scheduleTimers?: boolean;
  /** Where the dev JWT key lives (default .local/dev-jwt-key.json). */
  keyFile?: string;
  /**
   * The demo transaction feed (`core-banking` posting to POST /v1/transactions), so tiers move and
   * alerts fire: off unless asked for (`npm start` asks). By default it moves the book of the first
   * demo RM; it needs the demo bank.
   */
  feed?: FeedOptions | false;
  /** Serve the web workbench from web/dist (default true; nothing is served while it is not built). */
  web?: boolean;
  /** No progress bar or request log. */
  quiet?: boolean;
  log?: (line: string) => void;
}

export interface FeedOptions {
  /** Transactions a second; 0 is off. */
  ratePerSecond: number;
  /** The customers to move (default: the book of the first demo RM). */
  customers?: readonly string[];
  seed?: string;
}

/** The running feed and whose customers it moves. */
export interface RunningFeed {
  feed: TransactionFeed;
  ratePerSecond: number;
  customers: number;
  /** The RM whose book it moves, when it picked one. */
  managerId?: string;
}

export interface LocalRuntime {
  url: string;
  port: number;
  plan: LocalPlan;
  clock: Clock;
  dynamoEndpoint: string;
  tablePrefix: string;
  tableName(tableId: string): string;
  document: DynamoDBDocumentClient;
  sms: SmsGateway;
  /** The S3 stand-in the audit archive lands in (files under the data directory, or a temporary one). */
  s3: S3StandIn;
  /** The audit archive's bucket there. */
  auditArchiveBucket: string;
  streams: LocalStreams;
  schedules: LocalSchedules;
  logins: DemoLogin[];
  /** The demo transaction feed, when on. */
  feed?: RunningFeed;
  /** A bearer token for a staff member, signed with the dev key the authorizer trusts, on the wall clock. */
  token(staffId: string, options?: { expiresInSeconds?: number }): Promise<string>;
  /** Resolves when every stream has been processed up to its end (or dead-lettered). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const prefix = options.tablePrefix ?? 'ocrm-';
  let dynamo: DynamoLocal | undefined;
  const dynamoEndpoint =
    options.dynamoEndpoint ??
    (dynamo = await startDynamoLocal({ dataDir: options.dataDir && join(options.dataDir, 'dynamodb') }))
      .endpoint;

  // The handlers run in this process and read their configuration from the environment, as on Lambda.
  const startedAt = Date.now();
  process.env.AWS_REGION ??= 'ap-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
  process.env.OCRM_DYNAMODB_ENDPOINT = dynamoEndpoint;
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  // list cursors are signed with a key of this run: a cursor from another run, or forged, is a 400
  process.env[CURSOR_KEY_ENV] ??= randomBytes(32).toString('base64url');
  if (options.now) {
    process.env.OCRM_CLOCK_START = new Date(options.now).toISOString();
    process.env.OCRM_CLOCK_STARTED_AT = String(startedAt);
  } else {
    // a runtime started before in this process (a test) must not lend this one its --now
    delete process.env.OCRM_CLOCK_START;
    delete process.env.OCRM_CLOCK_STARTED_AT;
  }
  for (const table of system.tables) process.env[tableEnvName(table.id)] = physicalTableName(prefix, table);
  const clock = systemClock();

  const client = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: process.env.AWS_REGION,
    credentials: localCredentials,
  });
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const streamsClient = new DynamoDBStreamsClient({
    endpoint: dynamoEndpoint,
    region: process.env.AWS_REGION,
    credentials: localCredentials,
  });
  const tableName = (id: string) => physicalTableName(prefix, { id });
  await ensureTables(client, prefix, system.tables);

  // Seed before the pollers start, so the demo bank is there when the first stream record arrives.
  let logins: DemoLogin[] = [];
  let feedBook: { customers: string[]; managerId?: string } = { customers: [] };
  const seed = options.seed ?? 'demo';
  if (seed !== 'none') {
    const bank =
      seed === 'empty'
        ? emptyBank(clock.now())
        : generateDemoBank({
            seed: DEFAULT_SEED,
            customers: options.demoCustomers ?? DEFAULT_CUSTOMERS,
            now: clock.now(),
          });
    logins = demoLogins(bank);
    const rm = logins.find((l) => l.role === 'rm' && bank.customers.some((c) => c.managerId === l.staffId));
    feedBook = rm
      ? {
          customers: bank.customers.filter((c) => c.managerId === rm.staffId).map((c) => c.customerId),
          managerId: rm.staffId,
        }
      : { customers: [] };
    if (!(await isSeeded(document, tableName))) {
      const bar = progressBar({ silent: options.quiet });
      await loadDemoBank(document, tableName, bank, (p) => bar.update(p.table, p.done, p.total), {
        now: () => clock.now(),
      });
      bar.end();
    }
  }

  // The audit archive's bucket, before the pollers: the audit stream's reader writes to it at once.
  const s3 = await startS3StandIn(
    options.dataDir ? join(options.dataDir, 's3') : mkdtempSync(join(tmpdir(), 'ocrm-s3-')),
  );
  const auditArchiveBucket = `${prefix}audit-archive`;
  process.env.OCRM_S3_ENDPOINT = s3.endpoint;
  process.env[AUDIT_ARCHIVE_BUCKET_ENV] = auditArchiveBucket;

  const plan = planLocalRuntime(system);
  const sms = createSmsGateway();
  const key = await loadOrCreateDevKey(options.keyFile ?? devKeyFile());
  const schedules = startSchedules(plan.schedules, clock, { timers: options.scheduleTimers });
  const streams = await startStreamPollers({
    mappings: plan.streamMappings,
    tableName,
    dynamodb: client,
    streams: streamsClient,
    prefix,
    enabled: options.streams !== false,
  });
  // GET /v1/dead-letters and its replay answer from this runtime's store (in AWS: the SQS queues)
  provideDeadLetterQueues(localDeadLetterQueues(streams));

  const server: Server = createHttpServer({
    plan,
    verify: jwtVerifier(key),
    clock,
    tools: [
      (request, response) => sms.handle(request, response),
      localTools({ plan, schedules, streams, sms, key, clock, logins }),
      ...(options.web === false ? [] : [webStatic()]),
    ],
    onRequest: options.quiet
      ? undefined
      : ({ method, path, status, ms }) => log(`${method} ${path} → ${status} ${ms.toFixed(0)} ms`),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  process.env.OCRM_SNS_ENDPOINT = `${url}/_local/sns`;

  let feed: RunningFeed | undefined;
  if (options.feed && options.feed.ratePerSecond > 0) {
    const customers = options.feed.customers ?? feedBook.customers;
    if (customers.length === 0) {
      log('feed: no demo customers to move (it needs the demo bank): not started');
    } else {
      let failures = 0;
      feed = {
        ratePerSecond: options.feed.ratePerSecond,
        customers: customers.length,
        ...(options.feed.customers ? {} : feedBook.managerId ? { managerId: feedBook.managerId } : {}),
        feed: startTransactionFeed({
          url,
          token: () => signDevToken(key, 'core-banking'),
          ratePerSecond: options.feed.ratePerSecond,
          customers,
          clock,
          ...(options.feed.seed ? { seed: options.feed.seed } : {}),
          // the first failure, then every 50th: a feed against a stopped API should not flood the log
          onError: (error) => {
            if (failures++ % 50 === 0) log(`feed: ${error.message} (${failures} failed batches)`);
          },
        }),
      };
    }
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    plan,
    clock,
    dynamoEndpoint,
    tablePrefix: prefix,
    tableName,
    document,
    sms,
    s3,
    auditArchiveBucket,
    streams,
    schedules,
    logins,
    ...(feed ? { feed } : {}),
    token: (staffId, tokenOptions) => signDevToken(key, staffId, tokenOptions),
    drained: () => streams.drained(),
    stop: () =>
      (stopping ??= (async () => {
        await feed?.feed.stop();
        schedules.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await streams.stop();
        provideDeadLetterQueues(undefined);
        await s3.stop();
        client.destroy();
        streamsClient.destroy();
        await dynamo?.stop();
      })()),
  };
};
