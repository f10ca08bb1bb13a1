// Resolves the token's subject to the staff record: role and org come from here, not from the token.
// Each resolved caller is also a use of the system (usage: days of use and logins, see usage/session.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { clock } from '#shared/adapters/runtime.js';
import { usageRecorder } from '#shared/usage/recorder.js';
import { dynamoUsageStore } from '#shared/usage/store.js';
import { ROLES, type Caller, type Role } from './caller.js';

/** `claims`: the verified token's claims, for usage counting (a login is one sign-in). */
export type CallerResolver = (
  subject: string,
  claims?: Record<string, unknown>,
) => Promise<Caller | undefined>;

export const staffCallerResolver = (): CallerResolver => {
  const client = dynamoDocumentClient();
  const table = tableName('staff');
  const recordUsage = usageRecorder(
    () => dynamoUsageStore(client),
    () => clock.now(),
  );
  return async (subject, claims) => {
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: { staffId: subject } }));
    if (!Item || Item.active === false || !ROLES.includes(Item.role as Role)) return undefined;
    const caller: Caller = {
      staffId: String(Item.staffId),
      name: String(Item.name),
      role: Item.role as Role,
      orgId: String(Item.orgId),
      orgPath: String(Item.orgPath),
    };
    if (claims) await recordUsage(caller, claims);
    return caller;
  };
};
