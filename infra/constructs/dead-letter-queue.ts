// A dead-letter queue for one trigger (a stream mapping or a schedule): KMS-encrypted, TLS only,
// kept the SQS maximum of 14 days so ops can inspect and replay, and alarmed as soon as it is not empty.
import { Duration, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string, props: { key: IKey; of: string }) {
    super(scope, id, {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        `This queue is itself the dead-letter queue of ${props.of}. ` +
        'A dead-letter queue of a dead-letter queue would only move the failure out of sight; ' +
        'instead a CloudWatch alarm fires as soon as this queue holds one message, and messages stay 14 days for replay.',
    });
  }
}
