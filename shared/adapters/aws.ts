// AWS SDK clients, built once per container. Locally the runtime points them at DynamoDB Local
// and the SNS-compatible gateway through OCRM_DYNAMODB_ENDPOINT / OCRM_SNS_ENDPOINT.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';

let documentClient: DynamoDBDocumentClient | undefined;
let snsClient: SNSClient | undefined;

export const dynamoDocumentClient = (): DynamoDBDocumentClient => {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: process.env.OCRM_DYNAMODB_ENDPOINT || undefined }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return documentClient;
};

export const snsPublishClient = (): SNSClient => {
  // One attempt: SNS has no idempotency for Publish, so a hidden SDK retry could send an SMS twice;
  // the sender retries on its own terms (SmsUnavailable.maybeSent says when that is safe).
  snsClient ??= new SNSClient({ endpoint: process.env.OCRM_SNS_ENDPOINT || undefined, maxAttempts: 1 });
  return snsClient;
};
