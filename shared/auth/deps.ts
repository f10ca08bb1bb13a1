// Wires the caller resolver to DynamoDB: the staff table for who the caller is, the usage table for
// counting the use. One document client for both.
//
// The staff record is read on every request, deliberately not held on the reference-data cache
// (shared/cache/versioned-cache.ts) as the tier policy and the product library are: a role removed or
// a person deactivated must count from their next request, so a cache would have to ask a version
// first, and that version read is one GetItem, exactly what reading the record itself costs. Held
// without a version check (a TTL, however short), it would let a revoked person act for that time.
// Nothing to save, something to lose: so it stays one GetItem per request.
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
