// The audit archive: a bucket under S3 Object Lock in compliance mode, where each audit entry lands
// (functions/audit/archive.ts) and stays unchangeable and undeletable — by anyone, the account's
// root included — for the retention period (`ocrm:auditArchiveRetentionYears`, default 7 years,
// the usual keeping of accounting and audit records). Versioned (Object Lock requires it), private,
// TLS-only, encrypted with the data key, its own access logged.
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
  StorageClass,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export const DEFAULT_ARCHIVE_RETENTION_YEARS = 7;
/** Where the archiving function writes; it may put nothing elsewhere. */
export const ARCHIVE_PREFIX = 'audit/';

export interface AuditArchiveProps {
  retentionYears: number;
  key: IKey;
  accessLogs: IBucket;
}

/**
 * The bucket's name, from the stack name, account and region: fixed, so each writer's grant names its
 * objects from pseudo parameters of its own (nested) stack instead of a cross-stack reference, and
 * the one acknowledgement below names exactly that resource.
 */
const archiveBucketName = (stackName: string) =>
  `${stackName.toLowerCase()}-audit-archive-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

/** The objects a writer may put, as cdk-nag prints the resource. */
export const ARCHIVE_WRITE_FINDING = (stackName: string) =>
  `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${stackName.toLowerCase()}-audit-archive-<AWS::AccountId>-<AWS::Region>/${ARCHIVE_PREFIX}*]`;

export class AuditArchive extends Construct {
  readonly bucket: Bucket;
  readonly bucketName: string;
  private readonly key: IKey;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    if (!Number.isInteger(props.retentionYears) || props.retentionYears < 1 || props.retentionYears > 100) {
      throw new Error(`ocrm:auditArchiveRetentionYears must be a whole number of years, 1–100`);
    }
    this.key = props.key;
    this.bucketName = archiveBucketName(Stack.of(this).stackName);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(365 * props.retentionYears)),
      versioned: true,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'audit-archive/',
      // rarely read after the first months: colder storage, same lock
      lifecycleRules: [
        {
          transitions: [
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** PutObject under `audit/` and the data key calls SSE-KMS makes with the writer's rights. Nothing else. */
  grantArchiveWrite(role: IRole, functionName: string): void {
    const stackName = Stack.of(this).stackName;
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ArchiveAuditEntries',
        actions: ['s3:PutObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::${archiveBucketName(stackName)}/${ARCHIVE_PREFIX}*`],
      }),
    );
    Validations.of(role).acknowledge({
      id: ARCHIVE_WRITE_FINDING(stackName),
      reason:
        `Execution role of ${functionName}: PutObject on every key under ${ARCHIVE_PREFIX} of the audit archive ` +
        'bucket, whose object names (day and stream sequence numbers) are made at run time; nothing else.',
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ArchiveKey',
        actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
        resources: [this.key.keyArn],
      }),
    );
  }
}
