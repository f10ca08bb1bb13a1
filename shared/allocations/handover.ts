// What follows a customer to their new RM (adapter): the customer's alerts not yet closed (monitoring's
// `alerts`: managerId and its byManager key move, on the version read, so an alert being worked is
// re-read, never overwritten) and the customer's maturities (our `maturities`). Campaign messages
// belong to the campaign, not to an RM, so there is nothing of theirs to move.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { tableName } from '#shared/adapters/tables.js';
import { dynamoMaturityStore } from '#shared/maturities/dynamo-maturities.js';
import type { Handover } from './ports.js';

export const dynamoHandover = (client: DynamoDBDocumentClient = dynamoDocumentClient()): Handover => {
  const maturities = dynamoMaturityStore(client);
  const openAlertsOf = (customerId: string) =>
    queryAll(client, {
      TableName: tableName('alerts'),
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customerId = :c',
      FilterExpression: '#s <> :closed',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':c': customerId, ':closed': 'closed' },
    });
  const moveAlert = async (alert: Record<string, unknown>, toManagerId: string): Promise<boolean> => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName('alerts'),
          Key: { alertId: alert.alertId },
          // the byManager key is `<status>#<dueAt>#<alertId>` (monitoring's alert-store)
          UpdateExpression: 'SET managerId = :m, listKey = :k, previousManagerId = :p ADD version :one',
          ConditionExpression: 'version = :v AND #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':m': toManagerId,
            ':k': `${String(alert.status)}#${String(alert.dueAt)}#${String(alert.alertId)}`,
            ':p': alert.managerId,
            ':one': 1,
            ':v': alert.version,
            ':s': alert.status,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  return {
    async follow(customerId, toManagerId) {
      let alerts = 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        const pending = (await openAlertsOf(customerId)).filter((a) => a.managerId !== toManagerId);
        if (pending.length === 0) break;
        const moved = await Promise.all(pending.map((a) => moveAlert(a, toManagerId)));
        alerts += moved.filter(Boolean).length;
        if (moved.every(Boolean)) break; // else one changed meanwhile: read again
      }
      const open = (await maturities.ofCustomer(customerId)).filter((m) => m.managerId !== toManagerId);
      await Promise.all(open.map((m) => maturities.reassign(m, toManagerId)));
      return { alerts, maturities: open.length };
    },
    async openAlerts(customerIds) {
      let count = 0;
      for (let i = 0; i < customerIds.length; i += 25) {
        const counts = await Promise.all(
          customerIds.slice(i, i + 25).map(async (id) => (await openAlertsOf(id)).length),
        );
        count += counts.reduce((a, b) => a + b, 0);
      }
      return count;
    },
  };
};
