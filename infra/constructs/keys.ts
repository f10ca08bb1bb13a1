// Customer-managed KMS keys, rotated yearly. Two keys so that who may decrypt customer data (the
// tables) and who may decrypt operational data (logs, dead letters, alarms) are separate questions.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ServicePrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export class OcrmKeys extends Construct {
  /** Encrypts the tables and their streams: customer data. */
  readonly data: Key;
  /** Encrypts log groups, dead-letter queues and the alarm topic. */
  readonly ops: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { region, account, partition, stackName, urlSuffix } = Stack.of(this);

    this.data = new Key(this, 'Data', {
      description: `${stackName}: DynamoDB tables and streams (customer data)`,
      alias: `alias/${stackName}/data`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      // Losing this key loses every table and every PITR backup: never delete it with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.ops = new Key(this, 'Ops', {
      description: `${stackName}: log groups, dead-letter queues, alarm topic`,
      alias: `alias/${stackName}/ops`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts log groups with the key itself (service principal, not a role),
    // limited to log groups of this account and region. Its regional principal ends in the
    // partition's domain: logs.<region>.amazonaws.com, logs.cn-north-1.amazonaws.com.cn in China.
    this.ops.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
        principals: [new ServicePrincipal(`logs.${region}.${urlSuffix}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the KMS-encrypted alarm topic.
    this.ops.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
  }
}
