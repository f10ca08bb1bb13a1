// Wires the caller resolver to DynamoDB: the staff table for who the caller is, the usage table for
// counting the use. One document client for both.
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { clock } from '#shared/adapters/runtime.js';
import { dynamoStaffStore } from '#shared/staff/dynamo-staff.js';
import { dynamoUsageStore } from '#shared/usage/dynamo-usage.js';
import { callerResolver, type CallerResolver } from './resolve-caller.js';

export const staffCallerResolver = (): CallerResolver => {
  const client = dynamoDocumentClient();
  return callerResolver({
    staff: dynamoStaffStore(client),
    usage: () => dynamoUsageStore(client),
    now: () => clock.now(),
  });
};
