// The AWS clients the ops commands speak through, with the caller's credentials: the SDK's default
// provider chain, or the named profile of the shared config files; the region as given, else the
// profile's or the environment's.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Target } from './args.js';

export interface OpsClients {
  cloudFormation: CloudFormationClient;
  cloudWatch: CloudWatchClient;
  sqs: SQSClient;
  lambda: LambdaClient;
  dynamodb: DynamoDBDocumentClient;
  streams: DynamoDBStreamsClient;
}

export const opsClients = (target: Pick<Target, 'region' | 'profile'>): OpsClients => {
  const config = {
    ...(target.region ? { region: target.region } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
  };
  return {
    cloudFormation: new CloudFormationClient(config),
    cloudWatch: new CloudWatchClient(config),
    sqs: new SQSClient(config),
    lambda: new LambdaClient(config),
    dynamodb: DynamoDBDocumentClient.from(new DynamoDBClient(config), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    streams: new DynamoDBStreamsClient(config),
  };
};
