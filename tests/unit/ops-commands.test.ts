// `npm run ops` end to end, with the clients handed in: CloudFormation, CloudWatch, SQS and Lambda's
// control plane on aws-sdk-client-mock; the tables on DynamoDB Local; and where a command invokes a
// function, the real handler run in process as Lambda would (the month-close coordinator, the pause
// route). What is printed is what an engineer reads.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { system } from '#infra/declaration/index.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import { invoke } from '#infra/local/invoke.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { pauseCampaign } from '#shared/campaigns/api.js';
import { runOps } from '../../scripts/ops/run.js';
import { pauseEvent } from '../../scripts/ops/campaign.js';
import type { OpsClients } from '../../scripts/ops/clients.js';
import { pascal } from '../../scripts/ops/inventory.js';
import { fakeOutputs, invokeAnswer, mockCloudFormation, queueUrl } from './ops-fake-aws.js';

process.env.AWS_REGION ??= 'local';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLES = [
  'tier-month-close',
  'tier-month-close-tasks',
  'customers',
  'sms-dispatch',
  'campaigns',
  'staff',
];
const NOW = new Date('2026-12-07T02:00:00.000Z'); // 10:00 in Shanghai

const cloudWatch = mockClient(CloudWatchClient);
const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);
let clients: OpsClients;
let prefix: string;
const invocations: { fn: string; event: unknown }[] = [];

const run = async (...argv: string[]) => {
  const printed: string[] = [];
  const code = await runOps(argv, { clients: () => clients, now: () => NOW, print: (t) => printed.push(t) });
  return { code, text: printed.join('\n') };
};

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  prefix = `opsc-${randomUUID().slice(0, 8)}-`;
  const dynamodb = new DynamoDBClient({ endpoint, region: 'local', credentials });
  await ensureTables(
    dynamodb,
    prefix,
    system.tables.filter((t) => TABLES.includes(t.id)),
  );
  process.env.OCRM_DYNAMODB_ENDPOINT = endpoint;
  for (const id of TABLES) process.env[tableEnvName(id)] = physicalTableName(prefix, { id });
  mockCloudFormation(
    fakeOutputs(
      Object.fromEntries(TABLES.map((id) => [`Table${pascal(id)}`, physicalTableName(prefix, { id })])),
    ),
  );
  clients = {
    cloudFormation: new CloudFormationClient({ region: 'local', credentials }),
    cloudWatch: new CloudWatchClient({ region: 'local', credentials }),
    sqs: new SQSClient({ region: 'local', credentials }),
    lambda: new LambdaClient({ region: 'local', credentials }),
    dynamodb: DynamoDBDocumentClient.from(dynamodb),
    streams: new DynamoDBStreamsClient({ endpoint, region: 'local', credentials }),
  };
  // Lambda runs the declared handler of the deployed function in this process
  lambda.on(InvokeCommand).callsFake((input: { FunctionName: string; Payload: Uint8Array }) => {
    const fn = system.functions.find((f) => input.FunctionName.includes(`-${f.name}-`))!;
    return invokeAnswer((event) => {
      invocations.push({ fn: fn.name, event });
      return invoke(fn, event);
    }, input.Payload);
  });
  lambda.on(GetFunctionConfigurationCommand).resolves({
    Environment: { Variables: { OCRM_SMS_MONTHLY_BUDGET_FEN: '1000000' } },
  });
  cloudWatch
    .on(GetMetricDataCommand)
    .resolves({ MetricDataResults: [{ Id: 'f0', Values: [3_000, 61_000] }] });
  sqs.on(GetQueueAttributesCommand, { QueueUrl: queueUrl('on-tx-dlq') }).resolves({
    Attributes: { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '1' },
  });
  sqs.on(GetQueueAttributesCommand, { QueueUrl: queueUrl('month-close-async') }).resolves({
    Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' },
  });
  await clients.dynamodb.send(
    new PutCommand({
      TableName: physicalTableName(prefix, { id: 'sms-dispatch' }),
      Item: { key: 'BUDGET#2026-12', spentFen: 123_456 },
    }),
  );
});

afterAll(() => {
  cloudWatch.restore();
  sqs.restore();
  lambda.restore();
});

describe('npm run ops', () => {
  it('status: resources, iterator ages, dead-letter depths, the month close and this month’s SMS spend', async () => {
    const { code, text } = await run('status', '--stack', 'Ocrm');
    expect(code).toBe(0);
    expect(text).toContain('resources: 4 functions, 1 stream mappings, 2 dead-letter queues, 6 tables');
    expect(text).toMatch(/tiering-on-transaction@transactions\s+1m 01s/);
    expect(text).toMatch(/tiering-on-transaction\/TransactionsStreamDeadLetters\s+2\s+1/);
    expect(text).toContain('month close 2026-11: not run');
    expect(text).toContain('SMS spend 2026-12 (sns): ¥1,234.56 of ¥10,000.00 (12.3%)');
    // the metric asked for: IteratorAge, maximum, of the deployed function, over the last 15 minutes
    const asked = cloudWatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(asked.MetricDataQueries?.[0]?.MetricStat).toMatchObject({
      Metric: {
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: 'Ocrm-Tiering-tiering-on-transaction-XYZ' }],
      },
      Stat: 'Maximum',
      Period: 900,
    });
    expect(NOW.getTime() - asked.StartTime!.getTime()).toBe(15 * 60_000);
  });

  it('month-close run invokes the coordinator; month-close status reads the run it opened', async () => {
    expect((await run('month-close', 'status', '2026-10', '--stack', 'Ocrm')).code).toBe(1);
    const ran = await run('month-close', 'run', '2026-10', '--segments', '3', '--stack', 'Ocrm');
    expect(ran.code).toBe(0);
    expect(invocations.at(-1)).toEqual({
      fn: 'tiering-month-close',
      event: { month: '2026-10', totalSegments: 3 },
    });
    const status = await run('month-close', 'status', '2026-10', '--stack', 'Ocrm', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.text)).toMatchObject({
      month: '2026-10',
      pass: 1,
      status: 'running',
      totalSegments: 3,
    });
    // a month not over is refused by the coordinator itself, and said so
    await expect(run('month-close', 'run', '2026-12', '--stack', 'Ocrm')).rejects.toThrow(/not over yet/);
  });

  it('campaign pause hands the pause route its own event, in the named staff member’s name', async () => {
    const event = pauseEvent({
      campaignId: 'C-1',
      staffId: 'S-9',
      issuer: 'https://idp/',
      note: 'complaints',
      now: NOW,
    });
    expect(event.routeKey).toBe(`POST ${pauseCampaign.path}`);
    expect(event.rawPath).toBe('/v1/campaigns/C-1/pause');
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'S-9', iss: 'https://idp/' });
    // nobody S-9 in the staff table: the route refuses, and the command says so and fails
    const { code, text } = await run('campaign', 'pause', 'C-1', '--as', 'S-9', '--stack', 'Ocrm');
    expect(invocations.at(-1)?.fn).toBe('campaigns-pause');
    expect(code).toBe(1);
    expect(text).toMatch(/^campaign C-1: not paused \((401|403) /);
  });

  it('a usage error prints the usage and exits 2; an unknown stack is an error', async () => {
    const { code, text } = await run('status');
    expect(code).toBe(2);
    expect(text).toContain('npm run ops -- <command> --stack <name>');
    await expect(run('status', '--stack', 'Nope')).rejects.toThrow(/does not exist/);
  });
});
