// The whole OCRM deployment, built from the one declaration (infra/declaration) that the local
// runtime also reads: tables, functions, their routes, stream mappings and schedules, the grants
// each function's declaration asks for, and the alarms ops watch. Nothing here names a function.
import {
  CfnOutput,
  Duration,
  NestedStack,
  RemovalPolicy,
  Stack,
  Tags,
  Token,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IAlarmAction,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { system as declaredSystem } from '#infra/declaration/index.js';
import type {
  FunctionDeclaration,
  KeyAttribute,
  SystemDeclaration,
  TableDeclaration,
} from '#infra/declaration/types.js';
import { tableEnvName } from '#shared/adapters/tables.js';
import { CURSOR_KEY_ENV } from '#shared/http/pagination.js';
import { COUNTERPARTY_KEY_ENV } from '#shared/graph/counterparty.js';
import {
  denyAppendOnlyRewrites,
  grantStreamList,
  grantTableAccess,
  STREAM_LIST_ACTION,
  XRAY_ACTIONS,
} from './constructs/grants.js';
import { OcrmHttpApi } from './constructs/http-api.js';
import { OcrmKeys } from './constructs/keys.js';
import { OcrmFunction } from './constructs/ocrm-function.js';
import { StaffIdentity } from './constructs/staff-identity.js';
import { AccessLogs } from './constructs/access-logs.js';
import { WebHosting } from './constructs/web-hosting.js';
import { AuditArchive, DEFAULT_ARCHIVE_RETENTION_YEARS } from './constructs/audit-archive.js';
import { AUDIT_ARCHIVE_BUCKET_ENV } from '#shared/audit/s3-archive.js';
import { addAsyncFailureDestination, addSchedule, addStreamMapping, pascal } from './constructs/triggers.js';
import { grantDeadLetterAccess, type MappingDeadLetters } from './constructs/dead-letter-access.js';
import {
  CONTEXT_KEYS,
  deploymentSettings,
  readConfig,
  type DeploymentSettings,
  type OcrmConfig,
} from './constructs/deployment-settings.js';
import { grantSmsChannel, smsEnvironment, usesSmsChannel } from './constructs/sms-channel.js';
import { OcrmDashboards } from './constructs/dashboards.js';

export { readConfig, type OcrmConfig } from './constructs/deployment-settings.js';

export interface OcrmStackProps extends StackProps {
  /** Defaults to the repository's declaration; tests pass others. */
  system?: SystemDeclaration;
  /** Defaults to {@link readConfig} of this stack. */
  config?: OcrmConfig;
}

/** `ocrm:region`, when set and no env is given, pins the stack to that region (and its partition). */
const regionalEnv = (scope: Construct, props: OcrmStackProps): StackProps['env'] => {
  if (props.env) return props.env;
  const region: unknown = scope.node.tryGetContext(CONTEXT_KEYS.region);
  return typeof region === 'string' && region.trim() !== '' ? { region: region.trim() } : undefined;
};

/** Tag that names the declared table on its DynamoDB table, so templates can be read back against the declaration. */
export const TABLE_TAG = 'ocrm:table';

/** Env var through which SMS-sending functions learn the sender id. */
export const SMS_SENDER_ENV = 'OCRM_SMS_SENDER_ID';

/**
 * Stream lag worth waking someone for: the oldest record of a batch has waited more than a minute,
 * five minutes running. Alerts are meant to reach an RM within a minute of the transaction.
 */
export const ITERATOR_AGE_ALARM = { thresholdMs: 60_000, minutes: 5 };

const attribute = (key: KeyAttribute): Attribute => ({
  name: key.name,
  type: key.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
});

export class OcrmStack extends Stack {
  readonly tables = new Map<string, Table>();
  /** Declared ids of the append-only tables: every function role is denied rewriting them. */
  readonly appendOnlyTables: string[];
  readonly functions = new Map<string, OcrmFunction>();
  /** Every stream mapping's dead-letter queue, for the functions that read them (dead-letter-access.ts). */
  readonly streamDeadLetters: MappingDeadLetters[] = [];
  /** Capability → its nested stack (functions, routes, mappings, schedules, queues, alarms). */
  readonly capabilities = new Map<string, NestedStack>();
  readonly http: OcrmHttpApi;
  readonly alarmTopic: Topic;
  readonly accessLogs: AccessLogs;
  /** The web workbench behind CloudFront, in its own nested stack. */
  readonly web: WebHosting;
  readonly auditArchive: AuditArchive;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  /** The checked deployment settings: partition, IdP, SMS channel, Lambda runtime, web domain. */
  readonly settings: DeploymentSettings;

  constructor(scope: Construct, id: string, props: OcrmStackProps = {}) {
    super(scope, id, {
      description: 'OCRM: operational CRM for relationship managers (API, stream automation, schedules)',
      ...props,
      env: regionalEnv(scope, props),
    });
    const system = props.system ?? declaredSystem;
    const config = props.config ?? readConfig(this);
    const region = Token.isUnresolved(this.region) ? config.region : this.region;
    const settings = deploymentSettings(config, region);
    this.settings = settings;
    const keys = new OcrmKeys(this, 'Keys');

    // Tables ---------------------------------------------------------------------------------------
    const tablesScope = new Construct(this, 'Tables');
    for (const declaration of system.tables) {
      this.tables.set(declaration.id, this.table(tablesScope, declaration, keys));
    }
    this.appendOnlyTables = system.tables.filter((t) => t.appendOnly).map((t) => t.id);
    const tableOf = (tableId: string, who: string): { table: Table; declaration: TableDeclaration } => {
      const table = this.tables.get(tableId);
      const declaration = system.tables.find((t) => t.id === tableId);
      if (!table || !declaration) throw new Error(`${who} uses table "${tableId}", which is not declared`);
      return { table, declaration };
    };

    // Buckets: the access logs, the audit archive under Object Lock --------------------------------
    this.accessLogs = new AccessLogs(this, 'AccessLogs');
    this.auditArchive = new AuditArchive(this, 'AuditArchive', {
      retentionYears: config.auditArchiveRetentionYears ?? DEFAULT_ARCHIVE_RETENTION_YEARS,
      key: keys.data,
      accessLogs: this.accessLogs.bucket,
    });

    // Alarms go to one encrypted topic ---------------------------------------------------------------
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'OCRM alarms',
      masterKey: keys.ops,
      enforceSSL: true,
    });
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*`,
          },
        },
      }),
    );
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    const alarmAction = new SnsAction(this.alarmTopic);

    // Who signs the tokens: the bank's IdP (always in China), else a Cognito pool --------------------
    let identity: StaffIdentity | undefined;
    if (settings.idp) {
      this.jwtIssuer = settings.idp.issuer;
      this.jwtAudience = settings.idp.audience;
    } else {
      identity = new StaffIdentity(this, 'Identity');
      this.jwtIssuer = identity.issuer;
      this.jwtAudience = identity.client.userPoolClientId;
    }
    this.http = new OcrmHttpApi(this, 'Http', {
      jwtIssuer: this.jwtIssuer,
      jwtAudience: this.jwtAudience,
      logKey: keys.ops,
    });

    // The web workbench: built app, CloudFront, config.json pointing at this API and sign-in --------------
    this.web = new WebHosting(
      new NestedStack(this, 'Web', { description: 'OCRM web workbench: private bucket behind CloudFront' }),
      'Hosting',
      {
        config: { apiUrl: this.http.url, oidc: { issuer: this.jwtIssuer, clientId: this.jwtAudience } },
        accessLogs: this.accessLogs.bucket,
        china: settings.china,
        domain: settings.web,
      },
    );

    // Functions, their grants and triggers: one nested stack per capability -----------------------------
    const capabilityStack = (capability: string): NestedStack => {
      let nested = this.capabilities.get(capability);
      if (!nested) {
        nested = new NestedStack(this, pascal(capability), {
          description: `OCRM ${capability}: functions, routes, triggers, dead letters and alarms`,
        });
        this.capabilities.set(capability, nested);
      }
      return nested;
    };
    const catchAll = system.functions.filter((fn) => fn.catchAllRoute);
    if (catchAll.length > 1) {
      throw new Error(`Only one function may serve $default: ${catchAll.map((fn) => fn.name).join(', ')}`);
    }
    for (const declaration of system.functions) {
      if (this.functions.has(declaration.name)) {
        throw new Error(`Function ${declaration.name} is declared twice`);
      }
      const scope = new Construct(capabilityStack(declaration.capability ?? 'platform'), declaration.name);
      this.functions.set(
        declaration.name,
        this.addFunction(scope, declaration, { settings, keys, tableOf, alarmAction }),
      );
    }

    for (const fn of this.functions.values()) {
      if (fn.declaration.deadLetters) {
        grantDeadLetterAccess(fn, fn.declaration.deadLetters, this.streamDeadLetters, keys);
      }
    }

    new OcrmDashboards(this, 'Dashboards', { functions: this.functions, alarmAction, sms: settings.sms });

    // Outputs -------------------------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: this.http.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'The web workbench',
    });
    new CfnOutput(this, 'WebDistributionDomain', {
      value: this.web.distribution.distributionDomainName,
      description: "CloudFront's own domain: the CNAME target of the bank's web domain",
    });
    new CfnOutput(this, 'JwtIssuer', { value: this.jwtIssuer, description: 'Tokens must carry this iss' });
    new CfnOutput(this, 'JwtAudience', {
      value: this.jwtAudience,
      description: 'Tokens must carry this aud / client_id',
    });
    if (identity) new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    for (const [tableId, table] of this.tables) {
      new CfnOutput(this, `Table${pascal(tableId)}`, {
        value: table.tableName,
        description: `${tableEnvName(tableId)}`,
      });
    }
  }

  /** One declared function: its Lambda, grants, routes, triggers, dead letters and alarms. */
  private addFunction(
    scope: Construct,
    declaration: FunctionDeclaration,
    ctx: {
      settings: DeploymentSettings;
      keys: OcrmKeys;
      tableOf: (tableId: string, who: string) => { table: Table; declaration: TableDeclaration };
      alarmAction: IAlarmAction;
    },
  ): OcrmFunction {
    const { settings, keys, tableOf, alarmAction } = ctx;
    const environment: Record<string, string> = {};
    for (const tableId of Object.keys(declaration.tables)) {
      environment[tableEnvName(tableId)] = tableOf(tableId, declaration.name).table.tableName;
    }
    if (declaration.sendsSms && settings.sms.senderId) environment[SMS_SENDER_ENV] = settings.sms.senderId;
    // the dispatch stops at the budget whose 80% the spend alarm warns of (ocrm:smsMonthlyBudget, yuan)
    if (declaration.sendsSms) {
      environment.OCRM_SMS_MONTHLY_BUDGET_FEN = String(Math.round(settings.sms.monthlyBudgetYuan * 100));
    }
    if (usesSmsChannel(declaration)) Object.assign(environment, smsEnvironment(settings.sms));
    // List cursors are signed with the stack's id, a UUID CloudFormation draws at creation: one key
    // per deployment for every function, never seen by API clients, and no secret to store or rotate.
    environment[CURSOR_KEY_ENV] = this.stackId;
    // the relationship graph's counterparty node ids: keyed per deployment, apart from the cursor key
    if (declaration.tables['relationship-graph'])
      environment[COUNTERPARTY_KEY_ENV] = `${this.stackId}#counterparty`;
    if (declaration.writesAuditArchive) environment[AUDIT_ARCHIVE_BUCKET_ENV] = this.auditArchive.bucketName;

    const fn = new OcrmFunction(scope, 'Handler', {
      declaration,
      logKey: keys.ops,
      environment,
      lambda: settings.lambda,
    });
    const role = fn.executionRole;
    for (const [tableId, access] of Object.entries(declaration.tables)) {
      const { table, declaration: tableDeclaration } = tableOf(tableId, declaration.name);
      grantTableAccess(role, tableId, table, tableDeclaration, access, keys.data);
    }
    for (const appendOnly of this.appendOnlyTables) {
      denyAppendOnlyRewrites(role, appendOnly, tableOf(appendOnly, declaration.name).table);
    }
    const smsStarActions = grantSmsChannel(role, declaration, settings.sms.channel);
    if (declaration.writesAuditArchive) this.auditArchive.grantArchiveWrite(role, declaration.name);

    this.http.addRoutesOf(fn);
    if (declaration.catchAllRoute) this.http.addCatchAll(fn);

    const deadLetterQueues: Queue[] = [];
    const mappingIds = new Set<string>();
    const perTable = new Map<string, number>();
    for (const trigger of declaration.streams ?? []) {
      let mappingId = `${pascal(trigger.table)}Stream`;
      for (let n = 2; mappingIds.has(mappingId); n++) mappingId = `${pascal(trigger.table)}Stream${n}`;
      mappingIds.add(mappingId);
      const { table } = tableOf(trigger.table, declaration.name);
      const { deadLetters } = addStreamMapping(scope, fn, trigger, table, keys, mappingId);
      deadLetterQueues.push(deadLetters);
      const sameTable = (perTable.get(trigger.table) ?? 0) + 1;
      perTable.set(trigger.table, sameTable);
      const mapping = `${declaration.name}@${trigger.table}${sameTable > 1 ? `#${sameTable}` : ''}`;
      this.streamDeadLetters.push({ mapping, consumer: fn, table, queue: deadLetters });
      this.alarm(scope, `${mappingId}IteratorAge`, alarmAction, {
        description:
          `${declaration.name}: records of the ${trigger.table} stream have waited more than ` +
          `${ITERATOR_AGE_ALARM.thresholdMs / 1000}s for ${ITERATOR_AGE_ALARM.minutes} minutes`,
        metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
        threshold: ITERATOR_AGE_ALARM.thresholdMs,
        evaluationPeriods: ITERATOR_AGE_ALARM.minutes,
      });
    }
    if (declaration.streams?.length) grantStreamList(role);

    for (const trigger of declaration.schedules ?? []) {
      deadLetterQueues.push(addSchedule(scope, fn, trigger, keys.ops).deadLetters);
    }
    if (declaration.schedules?.length) deadLetterQueues.push(addAsyncFailureDestination(scope, fn, keys.ops));

    for (const queue of deadLetterQueues) {
      this.alarm(queue, 'NotEmpty', alarmAction, {
        description: `${declaration.name}: a message reached dead-letter queue ${queue.node.id}`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: Duration.minutes(1),
        }),
        threshold: 0,
        evaluationPeriods: 1,
      });
    }
    this.alarm(scope, 'Errors', alarmAction, {
      description: `${declaration.name}: the handler threw (an unhandled error, not a 4xx)`,
      metric: fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 0,
      evaluationPeriods: 1,
    });

    // The only `*` resources are the actions that have no resource-level permissions at all.
    const starActions = [
      ...(settings.lambda.tracing ? XRAY_ACTIONS : []),
      ...(declaration.streams?.length ? [STREAM_LIST_ACTION] : []),
      ...smsStarActions,
    ];
    if (starActions.length > 0) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          `Execution role of ${declaration.name}: Resource "*" only for ${starActions.join(', ')}, which ` +
          'support no resource-level permissions' +
          (smsStarActions.length
            ? '; sns:Publish is denied on every topic and endpoint ARN, so only phone numbers remain'
            : '') +
          '. Every table, index, stream, key and queue grant names its ARN.',
      });
    }
    return fn;
  }

  private table(scope: Construct, declaration: TableDeclaration, keys: OcrmKeys): Table {
    const table = new Table(scope, declaration.id, {
      partitionKey: attribute(declaration.partitionKey),
      sortKey: declaration.sortKey ? attribute(declaration.sortKey) : undefined,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: keys.data,
      stream: declaration.stream ? StreamViewType[declaration.stream] : undefined,
      timeToLiveAttribute: declaration.timeToLiveAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of declaration.globalIndexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        projectionType: ProjectionType.ALL,
      });
    }
    Tags.of(table).add(TABLE_TAG, declaration.id);
    return table;
  }

  private alarm(
    scope: Construct,
    id: string,
    action: IAlarmAction,
    props: { description: string; metric: IMetric; threshold: number; evaluationPeriods: number },
  ): Alarm {
    const alarm = new Alarm(scope, `${id}Alarm`, {
      alarmDescription: props.description,
      metric: props.metric,
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}
