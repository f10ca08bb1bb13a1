// The alert adapter's methods for other capabilities (see AlertStore in ports.ts): the handover of a
// customer's alerts to a new RM, open-alert counts and lists, the timeline's read and the service SMS
// moves. Kept beside dynamo-alerts.ts so the alerts table's keys and indexes are spelled in one module.
import { QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { customerNewestFirst, queryAll, queryPage } from '#shared/adapters/query-all.js';
import { alertOf, listKeyOf, SMS_DEFERRED, smsDueKeys } from './dynamo-alert-items.js';
import type { AlertStore } from './ports.js';

type ForOthers = Pick<
  AlertStore,
  | 'reassignOpen'
  | 'openCount'
  | 'hasOpen'
  | 'openOfManager'
  | 'customersWithOpen'
  | 'history'
  | 'moveServiceSms'
  | 'deferredServiceSms'
>;

/** Customers counted at once by `openCount`. */
const COUNTED_AT_ONCE = 25;
/** Reads again when an alert changed under a move, at most this many times. */
const MOVE_ATTEMPTS = 3;

const updated = async (send: () => Promise<unknown>): Promise<boolean> => {
  try {
    await send();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

export const alertsForOtherCapabilities = (
  client: DynamoDBDocumentClient,
  table: () => string,
): ForOthers => {
  /** The customer's alerts not closed (byCustomer). */
  const notClosedQuery = (customerId: string) => ({
    TableName: table(),
    IndexName: 'byCustomer',
    KeyConditionExpression: 'customerId = :c',
    FilterExpression: '#s <> :closed',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':c': customerId, ':closed': 'closed' },
  });
  const notClosedOf = (customerId: string) => queryAll(client, notClosedQuery(customerId));

  // managerId and its byManager key move on the version read, so an alert being worked is re-read
  const moveAlert = (item: Record<string, unknown>, toManagerId: string) => {
    const alert = alertOf(item);
    return updated(() =>
      client.send(
        new UpdateCommand({
          TableName: table(),
          Key: { alertId: alert.alertId },
          UpdateExpression: 'SET managerId = :m, listKey = :k, previousManagerId = :p ADD version :one',
          ConditionExpression: 'version = :v AND #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':m': toManagerId,
            ':k': listKeyOf(alert),
            ':p': alert.managerId,
            ':one': 1,
            ':v': alert.version,
            ':s': alert.status,
          },
        }),
      ),
    );
  };

  return {
    async reassignOpen(customerId, toManagerId) {
      let moved = 0;
      for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
        const pending = (await notClosedOf(customerId)).filter((a) => a.managerId !== toManagerId);
        if (pending.length === 0) break;
        const outcomes = await Promise.all(pending.map((a) => moveAlert(a, toManagerId)));
        moved += outcomes.filter(Boolean).length;
        if (outcomes.every(Boolean)) break; // else one changed meanwhile: read again
      }
      return moved;
    },

    async openCount(customerIds) {
      let count = 0;
      for (let i = 0; i < customerIds.length; i += COUNTED_AT_ONCE) {
        const counts = await Promise.all(
          customerIds.slice(i, i + COUNTED_AT_ONCE).map(async (id) => (await notClosedOf(id)).length),
        );
        count += counts.reduce((a, b) => a + b, 0);
      }
      return count;
    },

    async hasOpen(customerId) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            ...notClosedQuery(customerId),
            ProjectionExpression: 'customerId',
            ScanIndexForward: false,
            ExclusiveStartKey: start,
          }),
        );
        if ((page.Items ?? []).length > 0) return true;
        start = page.LastEvaluatedKey;
      } while (start);
      return false;
    },

    async openOfManager(managerId, limit) {
      // byManager sorts `<status>#<dueAt>#<alertId>`: open and acknowledged are two ranges, each due first
      const ranges = await Promise.all(
        ['open', 'acknowledged'].map((status) =>
          client.send(
            new QueryCommand({
              TableName: table(),
              IndexName: 'byManager',
              KeyConditionExpression: 'managerId = :m AND begins_with(listKey, :s)',
              ExpressionAttributeValues: { ':m': managerId, ':s': `${status}#` },
              Limit: limit,
            }),
          ),
        ),
      );
      return ranges
        .flatMap((r) => (r.Items ?? []).map(alertOf))
        .sort(
          (a, b) =>
            String(a.dueAt).localeCompare(String(b.dueAt)) ||
            String(a.alertId).localeCompare(String(b.alertId)),
        )
        .slice(0, limit);
    },

    async *customersWithOpen(orgPath) {
      // a branch subtree is one key range of the byBranch index; the head office has no such range
      const segments = orgPath.split('/').filter(Boolean);
      let start: Record<string, unknown> | undefined;
      do {
        const common = {
          TableName: table(),
          ExpressionAttributeNames: { '#s': 'status' },
          ProjectionExpression: 'customerId',
          ExclusiveStartKey: start,
          Limit: 500,
        };
        const page =
          segments.length >= 2
            ? await client.send(
                new QueryCommand({
                  ...common,
                  IndexName: 'byBranch',
                  KeyConditionExpression: 'branchId = :b AND begins_with(scopeKey, :p)',
                  FilterExpression: '#s <> :closed',
                  ExpressionAttributeValues: { ':b': segments[1], ':p': orgPath, ':closed': 'closed' },
                }),
              )
            : await client.send(
                new ScanCommand({
                  ...common,
                  FilterExpression: '#s <> :closed AND begins_with(orgPath, :p)',
                  ExpressionAttributeValues: { ':p': orgPath, ':closed': 'closed' },
                }),
              );
        yield (page.Items ?? []).map((item) => String(item.customerId));
        start = page.LastEvaluatedKey;
      } while (start);
    },

    async history(customerId, limit, after) {
      const page = await queryPage(client, customerNewestFirst(table(), customerId), limit, after);
      return {
        ...page,
        items: page.items.map((item) => ({
          value: alertOf(item),
          key: { alertId: String(item.alertId), customerId, raisedKey: String(item.raisedKey) },
        })),
      };
    },

    moveServiceSms(alertId, from, next) {
      const entries = Object.entries(next).filter(([, v]) => v !== undefined);
      // a deferral is findable by its window (bySmsDue); any other move takes it out
      const due = smsDueKeys(alertId, next);
      const set = [
        ...entries.map((_, i) => `sms.#f${i} = :f${i}`),
        ...(due ? ['smsWatch = :smsWatch', 'smsDueKey = :smsDueKey'] : []),
      ];
      return updated(() =>
        client.send(
          new UpdateCommand({
            TableName: table(),
            Key: { alertId },
            UpdateExpression: `SET ${set.join(', ')}${due ? '' : ' REMOVE smsWatch, smsDueKey'}`,
            ConditionExpression: 'sms.#status = :from',
            ExpressionAttributeNames: {
              '#status': 'status',
              ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
            },
            ExpressionAttributeValues: {
              ':from': from,
              ...Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v])),
              ...(due ? { ':smsWatch': due.smsWatch, ':smsDueKey': due.smsDueKey } : {}),
            },
          }),
        ),
      );
    },

    async deferredServiceSms(asOf, limit) {
      const out = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'bySmsDue',
          KeyConditionExpression: 'smsWatch = :w AND smsDueKey < :asOf',
          ExpressionAttributeValues: { ':w': SMS_DEFERRED, ':asOf': `${asOf}#~` },
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map(alertOf);
    },
  };
};
