// Service SMS deferred to the send window go out once it opens, once each: the alerts table's
// bySmsDue index on DynamoDB Local, the real stores, and the SNS stand-in through the real SNS
// client. A night-time reminder is deferred; the re-sender finds nothing before 08:00, sends it
// after, and a second run (or two runs at once) sends nothing more.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { system } from '#infra/declaration/index.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { startSmsGatewayServer, type SmsGatewayServer } from '#infra/local/sms-gateway.js';
import { tableName, tableEnvName } from '#shared/adapters/tables.js';
import type { Alert } from '#shared/monitoring/alert.js';
import { dynamoAlertStore } from '#shared/monitoring/dynamo-alerts.js';
import type { AlertStore } from '#shared/monitoring/ports.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';
import { dynamoCustomerStore } from '#shared/customers/dynamo-customers.js';
import { SnsSmsProvider } from '#shared/sms/sns-provider.js';
import { sendServiceSms } from '#shared/sms/service-send.js';
import { resendDeferredServiceSms } from '#shared/sms/service-resend.js';
import { serviceSmsRequestsOn } from '#shared/sms/service-requests.js';
import { uniquePrefix } from '../support/local-runtime.js';
import { alertFixture } from '../support/alerts.js';

const TABLES = ['alerts', 'monitoring-aggregates', 'audit', 'customers', 'sms-consent'];
const TEXT = '【示例银行】您尾号0001的账户今日转出50,000.00元，如非本人操作请致电95555。';
const NIGHT = new Date('2026-11-20T14:00:00Z'); // 22:00 Shanghai
const BEFORE_OPEN = new Date('2026-11-20T23:59:00Z'); // 07:59 the next morning
const AFTER_OPEN = new Date('2026-11-21T00:05:00Z'); // 08:05

let server: SmsGatewayServer;
let sns: SNSClient;
let store: AlertStore;
let deps: Parameters<typeof resendDeferredServiceSms>[0];

const alert = (alertId: string, customerId: string): Alert =>
  alertFixture(alertId, {
    customerId,
    raisedAt: NIGHT.toISOString(),
    sms: {
      status: 'requested',
      kind: 'service',
      text: TEXT,
      template: TEXT,
      purpose: 'relationship',
      idempotencyKey: `alert#${alertId}`,
    },
  });

/** Raises the alert and sends its SMS as the alerts stream would, at night: deferred. */
const raisedAtNight = async (alertId: string, customerId: string, phone: string) => {
  const documents = DynamoDBDocumentClient.from(dynamoClient());
  await documents.send(
    new PutCommand({
      TableName: tableName('customers'),
      Item: { customerId, name: '张三', phone, orgId: 'OUT1', orgPath: '/HQ/BR1/OUT1/', managerId: 'rm-a' },
    }),
  );
  const raised = alert(alertId, customerId);
  await store.raise(raised);
  const first = await sendServiceSms(deps, { ...raised, sms: raised.sms! }, NIGHT);
  expect(first).toMatchObject({ status: 'deferred', notBefore: '2026-11-21T00:00:00.000Z' });
};

const dynamoClient = () =>
  new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const smsStatus = async (alertId: string) =>
  ((await store.get(alertId))?.sms as unknown as { status: string } | undefined)?.status;

beforeAll(async () => {
  const prefix = uniquePrefix('smsresend');
  const client = dynamoClient();
  const declared = system.tables.filter((t) => TABLES.includes(t.id));
  await ensureTables(client, prefix, declared);
  for (const table of declared) process.env[tableEnvName(table.id)] = physicalTableName(prefix, table);
  const documents = DynamoDBDocumentClient.from(client);
  server = await startSmsGatewayServer();
  sns = new SNSClient({
    endpoint: server.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  store = dynamoAlertStore(documents);
  deps = {
    customers: dynamoCustomerStore(documents),
    consent: dynamoConsentStore(documents),
    sms: new SnsSmsProvider({ client: sns }),
    requests: serviceSmsRequestsOn(store),
    window: { start: '08:00', end: '20:00' },
  };
});

afterAll(async () => {
  sns?.destroy();
  await server?.close();
});

describe('service SMS deferred to the send window', () => {
  it('waits until the window opens, then goes out once', async () => {
    await raisedAtNight('R1', 'CR1', '+8613800000001');
    expect(await smsStatus('R1')).toBe('deferred');

    expect(await resendDeferredServiceSms(deps, BEFORE_OPEN)).toEqual({ due: 0, outcomes: {} });
    expect(server.gateway.outbox()).toHaveLength(0);

    expect(await resendDeferredServiceSms(deps, AFTER_OPEN)).toEqual({ due: 1, outcomes: { sent: 1 } });
    expect(server.gateway.outbox().map((m) => [m.phone, m.text])).toEqual([['+8613800000001', TEXT]]);
    expect(await smsStatus('R1')).toBe('sent');
    expect(await store.deferredServiceSms(AFTER_OPEN.toISOString(), 10)).toEqual([]);

    // the next scheduled run: nothing more
    expect(await resendDeferredServiceSms(deps, new Date(AFTER_OPEN.getTime() + 600_000))).toEqual({
      due: 0,
      outcomes: {},
    });
    expect(server.gateway.outbox()).toHaveLength(1);
  });

  it('stays findable through a whole put of its alert (a handover), and two runs at once send it once', async () => {
    server.gateway.reset();
    await raisedAtNight('R2', 'CR2', '+8613800000002');
    await raisedAtNight('R3', 'CR3', '+8613800000003');
    // the handover puts the whole alert on its version: the deferral keeps its index keys
    expect(await store.reassignOpen('CR2', 'rm-b')).toBe(1);
    expect((await store.deferredServiceSms(AFTER_OPEN.toISOString(), 10)).map((a) => a.alertId)).toEqual([
      'R2',
      'R3',
    ]);

    const runs = await Promise.all([
      resendDeferredServiceSms(deps, AFTER_OPEN),
      resendDeferredServiceSms(deps, AFTER_OPEN),
    ]);
    expect(runs.reduce((n, r) => n + (r.outcomes.sent ?? 0), 0)).toBe(2);
    expect(
      server.gateway
        .outbox()
        .map((m) => m.phone)
        .sort(),
    ).toEqual(['+8613800000002', '+8613800000003']);
    expect([await smsStatus('R2'), await smsStatus('R3')]).toEqual(['sent', 'sent']);
  });
});
