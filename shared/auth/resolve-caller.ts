// Resolves the token's subject to the staff record: role and org come from here, not from the token.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { tableName } from '#shared/adapters/tables.js';
import { ROLES, type Caller, type Role } from './caller.js';

export type CallerResolver = (subject: string) => Promise<Caller | undefined>;

export const staffCallerResolver = (): CallerResolver => {
  const client = dynamoDocumentClient();
  const table = tableName('staff');
  return async (subject) => {
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: { staffId: subject } }));
    if (!Item || Item.active === false || !ROLES.includes(Item.role as Role)) return undefined;
    return {
      staffId: String(Item.staffId),
      name: String(Item.name),
      role: Item.role as Role,
      orgId: String(Item.orgId),
      orgPath: String(Item.orgPath),
    };
  };
};
