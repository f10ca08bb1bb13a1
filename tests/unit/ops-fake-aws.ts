// For the ops kit's tests: a deployed OCRM stack as CloudFormation describes it (root and nested
// stacks, construct paths in the templates, outputs), and an SQS queue's receive / visibility /
// delete semantics, both on aws-sdk-client-mock (nothing local speaks CloudFormation or SQS).
import { randomUUID } from 'node:crypto';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * What Lambda's Invoke answers when it runs `handler` on the payload: the handler's answer, or its
 * error as Lambda reports an unhandled one (status 200 with FunctionError).
 */
export const invokeAnswer = async (handler: (event: unknown) => Promise<unknown>, payload: Uint8Array) => {
  try {
    const answer = await handler(JSON.parse(new TextDecoder().decode(payload)));
    return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(answer ?? null)) };
  } catch (error) {
    const body = { errorType: (error as Error).name, errorMessage: (error as Error).message };
    return {
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: new TextEncoder().encode(JSON.stringify(body)),
    };
  }
};

export const ROOT = 'arn:aws:cloudformation:cn-north-1:111111111111:stack/Ocrm/root';
const nestedArn = (name: string) => `arn:aws:cloudformation:cn-north-1:111111111111:stack/Ocrm-${name}/n`;
export const queueUrl = (name: string) => `https://sqs.cn-north-1.amazonaws.com.cn/111111111111/${name}`;

interface FakeResource {
  logicalId: string;
  type: string;
  physicalId: string;
  path?: string;
}

const fn = (cap: string, name: string): FakeResource => ({
  logicalId: `${name.replace(/-/g, '')}HandlerAAAA`,
  type: 'AWS::Lambda::Function',
  physicalId: `Ocrm-${cap}-${name}-XYZ`,
  path: `Ocrm/${cap}/${name}/Handler/Resource`,
});
const under = (
  cap: string,
  name: string,
  construct: string,
  type: string,
  physicalId: string,
): FakeResource => ({
  logicalId: `${name.replace(/-/g, '')}${construct}BBBB`,
  type,
  physicalId,
  path: `Ocrm/${cap}/${name}/${construct}/Resource`,
});

/** The parts of the deployed stack the ops tests use, as the stack builds them. */
export const fakeStack: Record<string, FakeResource[]> = {
  Tiering: [
    fn('Tiering', 'tiering-on-transaction'),
    under('Tiering', 'tiering-on-transaction', 'HandlerRole', 'AWS::IAM::Role', 'role'),
    under(
      'Tiering',
      'tiering-on-transaction',
      'TransactionsStream',
      'AWS::Lambda::EventSourceMapping',
      'uuid-1',
    ),
    under(
      'Tiering',
      'tiering-on-transaction',
      'TransactionsStreamDeadLetters',
      'AWS::SQS::Queue',
      queueUrl('on-tx-dlq'),
    ),
    fn('Tiering', 'tiering-month-close'),
    under(
      'Tiering',
      'tiering-month-close',
      'AsyncFailures',
      'AWS::SQS::Queue',
      queueUrl('month-close-async'),
    ),
  ],
  Campaigns: [fn('Campaigns', 'campaigns-dispatch'), fn('Campaigns', 'campaigns-pause')],
};

export const fakeOutputs = (tables: Record<string, string>) => [
  { OutputKey: 'JwtIssuer', OutputValue: 'https://idp.bank.example/' },
  ...Object.entries(tables).map(([key, value]) => ({ OutputKey: key, OutputValue: value })),
];

/** Mocks CloudFormation to describe {@link fakeStack} with these outputs. */
export const mockCloudFormation = (outputs: { OutputKey: string; OutputValue: string }[]) => {
  const cfn = mockClient(CloudFormationClient);
  const rootResources: FakeResource[] = Object.keys(fakeStack).map((cap) => ({
    logicalId: `${cap}NestedStack${cap}NestedStackResourceCCCC`,
    type: 'AWS::CloudFormation::Stack',
    physicalId: nestedArn(cap),
    path: `Ocrm/${cap}.NestedStack/${cap}.NestedStackResource`,
  }));
  const resourcesOf = (stack: string): FakeResource[] | undefined =>
    stack === ROOT || stack === 'Ocrm'
      ? rootResources
      : Object.entries(fakeStack).find(([cap]) => nestedArn(cap) === stack)?.[1];
  cfn.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => {
    if (input.StackName !== 'Ocrm')
      throw Object.assign(new Error('Stack does not exist'), { name: 'ValidationError' });
    return { Stacks: [{ StackName: 'Ocrm', StackId: ROOT, Outputs: outputs }] };
  });
  cfn.on(ListStackResourcesCommand).callsFake((input: { StackName?: string }) => ({
    StackResourceSummaries: (resourcesOf(input.StackName ?? '') ?? []).map((r) => ({
      LogicalResourceId: r.logicalId,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
    })),
  }));
  cfn.on(GetTemplateCommand).callsFake((input: { StackName?: string }) => ({
    TemplateBody: JSON.stringify({
      Resources: Object.fromEntries(
        (resourcesOf(input.StackName ?? '') ?? []).map((r) => [
          r.logicalId,
          { Type: r.type, ...(r.path ? { Metadata: { 'aws:cdk:path': r.path } } : {}) },
        ]),
      ),
    }),
  }));
  return cfn;
};

interface Stored {
  id: string;
  body: string;
  visibleAt: number;
  handle?: string;
  receives: number;
}

/** SQS queues in memory: receive hides for the visibility timeout, delete needs the latest handle. */
export const fakeQueues = (now: () => number = () => Date.now()) => {
  const sqs = mockClient(SQSClient);
  const queues = new Map<string, Stored[]>();
  const queue = (url: string) => {
    let q = queues.get(url);
    if (!q) queues.set(url, (q = []));
    return q;
  };
  const put = (url: string, body: string) => {
    const id = randomUUID();
    queue(url).push({ id, body, visibleAt: 0, receives: 0 });
    return id;
  };
  sqs.on(SendMessageCommand).callsFake((input: { QueueUrl: string; MessageBody: string }) => ({
    MessageId: put(input.QueueUrl, input.MessageBody),
  }));
  sqs
    .on(ReceiveMessageCommand)
    .callsFake((input: { QueueUrl: string; MaxNumberOfMessages?: number; VisibilityTimeout?: number }) => {
      const visible = queue(input.QueueUrl)
        .filter((m) => m.visibleAt <= now())
        .slice(0, input.MaxNumberOfMessages ?? 1);
      const Messages: Message[] = visible.map((m) => {
        m.visibleAt = now() + (input.VisibilityTimeout ?? 30) * 1000;
        m.handle = randomUUID();
        m.receives += 1;
        return { MessageId: m.id, ReceiptHandle: m.handle, Body: m.body };
      });
      return Messages.length ? { Messages } : {};
    });
  sqs.on(DeleteMessageCommand).callsFake((input: { QueueUrl: string; ReceiptHandle: string }) => {
    const q = queue(input.QueueUrl);
    const i = q.findIndex((m) => m.handle === input.ReceiptHandle);
    if (i >= 0) q.splice(i, 1);
    return {};
  });
  sqs
    .on(ChangeMessageVisibilityCommand)
    .callsFake((input: { QueueUrl: string; ReceiptHandle: string; VisibilityTimeout: number }) => {
      const m = queue(input.QueueUrl).find((s) => s.handle === input.ReceiptHandle);
      if (m) m.visibleAt = now() + input.VisibilityTimeout * 1000;
      return {};
    });
  return { sqs, put, messages: (url: string) => [...queue(url)] };
};
