// The synthesized stack against the declaration, generically: whatever tables and functions are
// declared, each gets what the house rules promise. Run for the repository's declaration and for a
// fixture that uses every trigger kind (so no assertion is vacuous while the declaration is young).
import { beforeAll, describe, expect, test } from 'vitest';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { system } from '#infra/declaration/index.js';
import type { SystemDeclaration, TableDeclaration } from '#infra/declaration/types.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { FUNCTION_TAG, LOG_RETENTION } from '#infra/constructs/ocrm-function.js';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '#infra/constructs/grants.js';
import { API_THROTTLE } from '#infra/constructs/http-api.js';
import { SMS_SENDER_ENV, TABLE_TAG } from '#infra/stack.js';
import { fixtureSystem } from '../support/infra-fixture.js';
import {
  actionsOf,
  namesByLogicalId,
  refId,
  referencedIds,
  resourcesOfType,
  statementsOfRole,
  synthesize,
  type CfnResource,
  type Synthesized,
} from '../support/synth.js';

/** CloudFormation allows 500 resources and 200 parameters per stack; keep room for growth. */
const CFN_STACK_HEADROOM = { resources: 400, parameters: 160 };

const WRITES_ONLY = TABLE_WRITE_ACTIONS.filter((a) => !TABLE_READ_ACTIONS.includes(a));
const READS_ONLY = TABLE_READ_ACTIONS.filter((a) => !TABLE_WRITE_ACTIONS.includes(a));

describe.each([
  { name: 'the declared system', declaration: system, props: undefined },
  { name: 'the fixture system', declaration: fixtureSystem, props: { system: fixtureSystem } },
])(
  '$name',
  ({ declaration, props }: { declaration: SystemDeclaration; props?: { system: SystemDeclaration } }) => {
    let s: Synthesized;
    let fnIds: Map<string, string>; // Lambda logical id → declared name
    let tableIds: Map<string, string>; // table logical id → declared id
    const fnId = (name: string) => [...fnIds].find(([, n]) => n === name)![0];
    const tableLogicalId = (id: string) => [...tableIds].find(([, t]) => t === id)![0];
    const resource = (id: string): CfnResource => s.json.Resources[id]!;
    const roleOf = (name: string) => refId(resource(fnId(name)).Properties!.Role)!;

    beforeAll(() => {
      s = synthesize({ props });
      fnIds = namesByLogicalId(s.json, 'AWS::Lambda::Function', FUNCTION_TAG);
      tableIds = namesByLogicalId(s.json, 'AWS::DynamoDB::Table', TABLE_TAG);
    });

    test('CDK itself reports no warning or error', () => {
      expect(Annotations.fromStack(s.stack).findWarning('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(s.stack).findError('*', Match.anyValue())).toEqual([]);
    });

    test('every stack stays well inside CloudFormation limits: one nested stack per capability', () => {
      const { parent, nested } = s.templates;
      const capabilities = new Set(declaration.functions.map((fn) => fn.capability ?? 'platform'));
      expect([...nested.keys()].sort()).toEqual([...capabilities].sort());
      for (const template of [parent, ...nested.values()]) {
        expect(Object.keys(template.Resources).length).toBeLessThanOrEqual(CFN_STACK_HEADROOM.resources);
        expect(Object.keys(template.Parameters ?? {}).length).toBeLessThanOrEqual(
          CFN_STACK_HEADROOM.parameters,
        );
      }
      // The parent holds no function: each sits in its capability's stack.
      expect(Object.values(parent.Resources).some((r) => r.Type === 'AWS::Lambda::Function')).toBe(false);
    });

    describe('tables', () => {
      test('exactly the declared tables exist', () => {
        expect([...tableIds.values()].sort()).toEqual(declaration.tables.map((t) => t.id).sort());
      });

      test('on-demand, point-in-time recovery, customer-managed KMS, retained, with the declared shape', () => {
        const keyAttributes = (t: Pick<TableDeclaration, 'partitionKey' | 'sortKey'>) =>
          [t.partitionKey, t.sortKey].filter((k) => k !== undefined);
        for (const table of declaration.tables) {
          const id = tableLogicalId(table.id);
          const cfn = resource(id);
          expect(cfn.DeletionPolicy).toBe('Retain');
          s.template.hasResource('AWS::DynamoDB::Table', {
            DeletionPolicy: 'Retain',
            UpdateReplacePolicy: 'Retain',
            Properties: Match.objectLike({
              BillingMode: 'PAY_PER_REQUEST',
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
              SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
              KeySchema: [
                { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
                ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' }] : []),
              ],
              Tags: Match.arrayWith([{ Key: TABLE_TAG, Value: table.id }]),
            }),
          });
          const props = cfn.Properties!;
          const kmsKey = refId((props.SSESpecification as { KMSMasterKeyId: unknown }).KMSMasterKeyId)!;
          expect(resource(kmsKey).Type).toBe('AWS::KMS::Key');
          expect(resource(kmsKey).Properties!.EnableKeyRotation).toBe(true);

          const attributes = props.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
          const expectedKeys = [
            ...keyAttributes(table),
            ...(table.globalIndexes ?? []).flatMap(keyAttributes),
          ];
          for (const key of expectedKeys) {
            expect(attributes).toContainEqual({ AttributeName: key.name, AttributeType: key.type });
          }
          const indexes = (props.GlobalSecondaryIndexes ?? []) as { IndexName: string; KeySchema: unknown }[];
          expect(indexes.map((i) => i.IndexName).sort()).toEqual(
            (table.globalIndexes ?? []).map((i) => i.name).sort(),
          );
          for (const index of table.globalIndexes ?? []) {
            expect(indexes.find((i) => i.IndexName === index.name)).toMatchObject({
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
              ],
              Projection: { ProjectionType: 'ALL' },
            });
          }
          expect(props.StreamSpecification).toEqual(
            table.stream ? { StreamViewType: table.stream } : undefined,
          );
          expect(props.TimeToLiveSpecification).toEqual(
            table.timeToLiveAttribute
              ? { AttributeName: table.timeToLiveAttribute, Enabled: true }
              : undefined,
          );
        }
      });

      test('every KMS key rotates and is retained', () => {
        for (const [, key] of resourcesOfType(s.json, 'AWS::KMS::Key')) {
          expect(key.Properties!.EnableKeyRotation).toBe(true);
          expect(key.DeletionPolicy).toBe('Retain');
        }
      });
    });

    describe('functions', () => {
      test('exactly the declared functions exist (no helper Lambdas)', () => {
        expect([...fnIds.values()].sort()).toEqual(declaration.functions.map((f) => f.name).sort());
      });

      test('Node.js 24 on arm64, traced, JSON logs to a retained KMS log group, with the declared environment', () => {
        for (const fn of declaration.functions) {
          const props = resource(fnId(fn.name)).Properties!;
          expect(props).toMatchObject({
            Runtime: 'nodejs24.x',
            Architectures: ['arm64'],
            Handler: 'index.handler',
            MemorySize: fn.memoryMb,
            Timeout: fn.timeoutSeconds,
            TracingConfig: { Mode: 'Active' },
            LoggingConfig: { LogFormat: 'JSON' },
          });
          const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
          expect(variables).toMatchObject({
            POWERTOOLS_SERVICE_NAME: 'ocrm',
            NODE_OPTIONS: '--enable-source-maps',
            ...fn.environment,
          });
          const tableVars = Object.keys(variables).filter((v) => v.startsWith('OCRM_TABLE_'));
          expect(tableVars.sort()).toEqual(Object.keys(fn.tables).map(tableEnvName).sort());
          for (const tableId of Object.keys(fn.tables)) {
            expect(refId(variables[tableEnvName(tableId)])).toBe(tableLogicalId(tableId));
          }
          expect(variables[SMS_SENDER_ENV] !== undefined).toBe(Boolean(fn.sendsSms));

          const logGroup = resource(refId((props.LoggingConfig as { LogGroup: unknown }).LogGroup)!);
          expect(logGroup).toMatchObject({
            Type: 'AWS::Logs::LogGroup',
            DeletionPolicy: 'Retain',
            Properties: { RetentionInDays: LOG_RETENTION, KmsKeyId: expect.anything() },
          });
        }
      });

      test('execution roles carry no AWS managed policy', () => {
        for (const fn of declaration.functions) {
          expect(resource(roleOf(fn.name)).Properties!.ManagedPolicyArns).toBeUndefined();
        }
      });
    });

    describe('least privilege', () => {
      const tableStatements = (fnName: string, tableId: string) =>
        statementsOfRole(s.json, roleOf(fnName)).filter(
          (st) => st.Effect === 'Allow' && referencedIds(st.Resource).includes(tableLogicalId(tableId)),
        );

      test('a function that only reads a table gets no write action on it', () => {
        const readOnly = declaration.functions.flatMap((fn) =>
          Object.entries(fn.tables)
            .filter(([, access]) => access === 'read')
            .map(([tableId]) => ({ fn: fn.name, tableId })),
        );
        expect(readOnly.length).toBeGreaterThan(0);
        for (const { fn, tableId } of readOnly) {
          const actions = tableStatements(fn, tableId).flatMap(actionsOf);
          expect(actions, `${fn} on ${tableId}`).toEqual(expect.arrayContaining(READS_ONLY));
          for (const write of WRITES_ONLY) expect(actions, `${fn} on ${tableId}`).not.toContain(write);
        }
      });

      test('a function that only writes a table gets no item read on it', () => {
        for (const fn of declaration.functions) {
          for (const [tableId, access] of Object.entries(fn.tables)) {
            if (access !== 'write') continue;
            const actions = tableStatements(fn.name, tableId).flatMap(actionsOf);
            expect(actions).toEqual(expect.arrayContaining(WRITES_ONLY));
            for (const read of READS_ONLY) expect(actions, `${fn.name} on ${tableId}`).not.toContain(read);
          }
        }
      });

      test('a function touches no table it does not declare (or consume the stream of)', () => {
        for (const fn of declaration.functions) {
          // the dead-letter replay re-reads failed batches from every consumed stream (its exact
          // grants: tests/infra/dead-letter-access.test.ts)
          const streamsRead =
            fn.deadLetters === 'replay'
              ? declaration.functions.flatMap((f) => (f.streams ?? []).map((st) => st.table))
              : (fn.streams ?? []).map((st) => st.table);
          const allowed = new Set([...Object.keys(fn.tables), ...streamsRead]);
          // allows only: every role carries an explicit deny on the append-only tables
          const touched = statementsOfRole(s.json, roleOf(fn.name))
            .filter((st) => st.Effect === 'Allow')
            .flatMap((st) => referencedIds(st.Resource))
            .filter((id) => tableIds.has(id))
            .map((id) => tableIds.get(id)!);
          for (const tableId of touched) expect(allowed, `${fn.name} touches ${tableId}`).toContain(tableId);
        }
      });

      test('read access covers every index of the table, by name', () => {
        for (const fn of declaration.functions) {
          for (const [tableId, access] of Object.entries(fn.tables)) {
            if (access === 'write' || access === 'append') continue;
            const resources = JSON.stringify(tableStatements(fn.name, tableId).map((st) => st.Resource));
            for (const index of declaration.tables.find((t) => t.id === tableId)!.globalIndexes ?? []) {
              expect(resources).toContain(`/index/${index.name}"`);
            }
            expect(resources).not.toContain('/index/*');
          }
        }
      });

      test('no function may publish to SNS unless it sends SMS; those can reach no topic', () => {
        for (const fn of declaration.functions) {
          const statements = statementsOfRole(s.json, roleOf(fn.name));
          const publishes = statements.filter(
            (st) => st.Effect === 'Allow' && actionsOf(st).some((a) => a.startsWith('sns:')),
          );
          if (!fn.sendsSms) {
            expect(publishes, fn.name).toEqual([]);
            continue;
          }
          expect(publishes.flatMap(actionsOf)).toContain('sns:Publish');
          const deny = statements.find((st) => st.Effect === 'Deny' && actionsOf(st).includes('sns:Publish'));
          expect(JSON.stringify(deny?.Resource)).toContain(':sns:*:*:*');
        }
      });

      test('only actions without resource-level permissions are granted on "*"', () => {
        const starOk = new Set([
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'dynamodb:ListStreams',
          'sns:Publish',
          'sns:CheckIfPhoneNumberIsOptedOut',
        ]);
        for (const [, policy] of resourcesOfType(s.json, 'AWS::IAM::Policy')) {
          for (const st of (
            policy.Properties!.PolicyDocument as { Statement: ReturnType<typeof statementsOfRole> }
          ).Statement) {
            if (st.Effect !== 'Allow') continue;
            for (const action of actionsOf(st)) expect(action).not.toContain('*');
            if (st.Resource === '*') for (const action of actionsOf(st)) expect(starOk).toContain(action);
          }
        }
      });
    });

    describe('HTTP API', () => {
      const routes = () =>
        resourcesOfType(s.json, 'AWS::ApiGatewayV2::Route').map(
          ([, r]) => r.Properties as Record<string, unknown>,
        );

      test('every declared route, with the auth its contract names', () => {
        for (const fn of declaration.functions) {
          for (const route of fn.routes ?? []) {
            const found = routes().filter((r) => r.RouteKey === `${route.method} ${route.path}`);
            expect(found, `${route.method} ${route.path}`).toHaveLength(1);
            expect(found[0]!.AuthorizationType).toBe(route.auth === 'jwt' ? 'JWT' : 'NONE');
            expect(found[0]!.AuthorizerId !== undefined).toBe(route.auth === 'jwt');
          }
        }
      });

      test('$default exists, unauthenticated, when a catch-all is declared', () => {
        const catchAll = declaration.functions.some((fn) => fn.catchAllRoute);
        const found = routes().filter((r) => r.RouteKey === '$default');
        expect(found).toHaveLength(catchAll ? 1 : 0);
        if (catchAll) expect(found[0]!.AuthorizationType).toBe('NONE');
      });

      test('JWT authorizer from the stack-made Cognito pool when no issuer is configured', () => {
        s.template.resourceCountIs('AWS::Cognito::UserPool', 1);
        s.template.hasResourceProperties('AWS::Cognito::UserPool', {
          MfaConfiguration: 'ON',
          UserPoolTier: 'PLUS',
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        });
        s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
          AuthorizerType: 'JWT',
          IdentitySource: ['$request.header.Authorization'],
          JwtConfiguration: { Audience: [{ Ref: Match.anyValue() }], Issuer: Match.anyValue() },
        });
      });

      test('one $default stage: auto-deployed, throttled, JSON access logs', () => {
        s.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
        s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
          StageName: '$default',
          AutoDeploy: true,
          DefaultRouteSettings: {
            ThrottlingRateLimit: API_THROTTLE.rateLimit,
            ThrottlingBurstLimit: API_THROTTLE.burstLimit,
          },
          AccessLogSettings: {
            DestinationArn: Match.anyValue(),
            Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
          },
        });
      });
    });

    describe('triggers', () => {
      const queue = (ref: unknown) => {
        const id = refId(ref)!;
        expect(resource(id).Type).toBe('AWS::SQS::Queue');
        return id;
      };
      const expectEncryptedTlsOnly = (queueId: string) => {
        expect(resource(queueId).Properties!.KmsMasterKeyId).toBeDefined();
        const policies = resourcesOfType(s.json, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
          (p.Properties!.Queues as unknown[]).some((q) => refId(q) === queueId),
        );
        expect(JSON.stringify(policies.map(([, p]) => p.Properties!.PolicyDocument))).toContain(
          '"aws:SecureTransport":"false"',
        );
      };
      const alarmsOn = (metric: string, dimension: string, id: string) =>
        resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(
          ([, a]) =>
            a.Properties!.MetricName === metric &&
            (a.Properties!.Dimensions as { Name: string; Value: unknown }[]).some(
              (d) => d.Name === dimension && refId(d.Value) === id,
            ),
        );

      test('each stream mapping has its own encrypted, TLS-only dead-letter queue, alarmed when not empty', () => {
        const mappings = resourcesOfType(s.json, 'AWS::Lambda::EventSourceMapping');
        expect(mappings).toHaveLength(declaration.functions.flatMap((fn) => fn.streams ?? []).length);
        const queues = mappings.map(([, m]) =>
          queue(
            (m.Properties!.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure
              .Destination,
          ),
        );
        expect(new Set(queues).size).toBe(queues.length);
        for (const id of queues) {
          expectEncryptedTlsOnly(id);
          expect(alarmsOn('ApproximateNumberOfMessagesVisible', 'QueueName', id)).toHaveLength(1);
        }
      });

      test('each stream consumer is alarmed on iterator age, each mapping once', () => {
        for (const fn of declaration.functions) {
          expect(alarmsOn('IteratorAge', 'FunctionName', fnId(fn.name))).toHaveLength(
            (fn.streams ?? []).length,
          );
        }
      });

      test('schedules: the declared cron in Asia/Shanghai, retried, a DLQ, a role that invokes that function only', () => {
        const schedules = resourcesOfType(s.json, 'AWS::Scheduler::Schedule');
        expect(schedules).toHaveLength(declaration.functions.flatMap((fn) => fn.schedules ?? []).length);
        for (const [, schedule] of schedules) {
          const props = schedule.Properties!;
          expect(props.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
          expect(props.ScheduleExpression).toMatch(/^cron\(.+\)$/);
          expect(props.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
          const target = props.Target as Record<string, unknown>;
          expect(target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: expect.any(Number) });
          const dlq = queue((target.DeadLetterConfig as { Arn: unknown }).Arn);
          expectEncryptedTlsOnly(dlq);
          expect(alarmsOn('ApproximateNumberOfMessagesVisible', 'QueueName', dlq)).toHaveLength(1);
          const roleId = refId(target.RoleArn)!;
          const invokes = statementsOfRole(s.json, roleId).filter((st) =>
            actionsOf(st).some((a) => a.startsWith('lambda:')),
          );
          expect(invokes).toEqual([
            expect.objectContaining({
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: target.Arn,
            }),
          ]);
        }
      });

      test('scheduled functions send failed asynchronous invocations to an alarmed queue', () => {
        for (const fn of declaration.functions.filter((f) => f.schedules?.length)) {
          const configs = resourcesOfType(s.json, 'AWS::Lambda::EventInvokeConfig').filter(
            ([, c]) => refId(c.Properties!.FunctionName) === fnId(fn.name),
          );
          expect(configs).toHaveLength(1);
          const dlq = queue(
            (configs[0]![1].Properties!.DestinationConfig as { OnFailure: { Destination: unknown } })
              .OnFailure.Destination,
          );
          expect(alarmsOn('ApproximateNumberOfMessagesVisible', 'QueueName', dlq)).toHaveLength(1);
        }
      });
    });

    describe('alarms', () => {
      test('every function is alarmed on Errors', () => {
        for (const fn of declaration.functions) {
          const alarms = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(
            ([, a]) =>
              a.Properties!.MetricName === 'Errors' &&
              (a.Properties!.Dimensions as { Value: unknown }[]).some(
                (d) => refId(d.Value) === fnId(fn.name),
              ),
          );
          expect(alarms, fn.name).toHaveLength(1);
        }
      });

      test('every alarm notifies the KMS-encrypted, TLS-only alarm topic', () => {
        const [[topicId, topic]] = resourcesOfType(s.json, 'AWS::SNS::Topic') as [[string, CfnResource]];
        expect(topic.Properties!.KmsMasterKeyId).toBeDefined();
        s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
        for (const [, alarm] of resourcesOfType(s.json, 'AWS::CloudWatch::Alarm')) {
          expect((alarm.Properties!.AlarmActions as unknown[]).map(refId)).toEqual([topicId]);
        }
      });
    });

    test('outputs: API URL, JWT issuer and audience, every table name', () => {
      const outputs = Object.keys(s.json.Outputs ?? {});
      expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'JwtIssuer', 'JwtAudience']));
      for (const table of declaration.tables) {
        const output = Object.values(s.json.Outputs!).find(
          (o) => refId(o.Value) === tableLogicalId(table.id),
        );
        expect(output, table.id).toBeDefined();
      }
    });
  },
);

describe('deployment settings from context', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({
      props: { system: fixtureSystem },
      context: {
        'ocrm:jwtIssuer': 'https://idp.bank.example/realms/staff',
        'ocrm:jwtAudience': 'ocrm-workbench',
        'ocrm:alarmEmail': 'ocrm-ops@bank.example',
        'ocrm:smsSenderId': 'BANKCRM',
      },
    });
  });

  test("the bank's IdP replaces the Cognito pool", () => {
    s.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: ['ocrm-workbench'], Issuer: 'https://idp.bank.example/realms/staff' },
    });
    expect(s.json.Outputs!.JwtIssuer!.Value).toBe('https://idp.bank.example/realms/staff');
  });

  test('alarm email subscribed; SMS sender id handed to SMS senders only', () => {
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ocrm-ops@bank.example',
    });
    for (const fn of fixtureSystem.functions) {
      const [, lambda] = resourcesOfType(s.json, 'AWS::Lambda::Function').find(([, r]) =>
        (r.Properties!.Tags as { Value: string }[]).some((t) => t.Value === fn.name),
      )!;
      const variables = (lambda.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables[SMS_SENDER_ENV]).toBe(fn.sendsSms ? 'BANKCRM' : undefined);
    }
  });

  test('issuer without audience is refused', () => {
    expect(() => synthesize({ context: { 'ocrm:jwtIssuer': 'https://idp.bank.example' } })).toThrow(
      /jwtAudience/,
    );
  });
});

test('the fixture exercises every kind of trigger and grant, so the suites above are not vacuous', () => {
  const fns = fixtureSystem.functions;
  expect(fns.some((fn) => fn.routes?.some((r) => r.auth === 'jwt'))).toBe(true);
  expect(fns.some((fn) => fn.routes?.some((r) => r.auth === 'none'))).toBe(true);
  expect(fns.some((fn) => fn.catchAllRoute)).toBe(true);
  expect(fns.some((fn) => fn.streams?.some((st) => st.filters?.length))).toBe(true);
  expect(fns.some((fn) => (fn.schedules?.length ?? 0) > 1)).toBe(true);
  expect(fns.some((fn) => fn.sendsSms)).toBe(true);
  for (const access of ['read', 'write', 'read-write', 'append']) {
    expect(fns.some((fn) => Object.values(fn.tables).includes(access as never))).toBe(true);
  }
});
