// One DynamoDB Local for the whole test run; each test file creates its own tables by prefix.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal, type DynamoLocal } from '#infra/local/dynamo-local.js';

let dynamo: DynamoLocal | undefined;

export default async function setup(project: TestProject) {
  dynamo = await startDynamoLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
