// DynamoDB adapter of the relationship graph. Table `relationship-graph`, a partition per node:
//   C#<customerId>  TX#<transactionId>                    claim marker (exactly once per transaction)
//                   E#<month>#<counterpartyId>#<in|out>   edge: count, amountFen, first/last date
//                   N#<counterpartyId>                    neighbour totals; `ownerId` + `totalFen` put
//                                                         it in the sparse index byAmount (top N)
// The edge and neighbour are read, combined (edges.ts) and written back on the version read, with
// the claim, in one TransactWriteItems: a lost race reads again, a claimed transaction adds nothing.
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { queryAll } from '#shared/adapters/query-all.js';
import { tableName } from '#shared/adapters/tables.js';
import { transactWrite, type TransactItems } from '#shared/adapters/transact.js';
import { edgeIdentity, mergeEdge, mergeNeighbour } from './edges.js';
import type { Edge, GraphStore, Neighbour } from './ports.js';

export const GRAPH_TABLE = 'relationship-graph';
export const BY_AMOUNT = 'byAmount';
export const customerNode = (customerId: string) => `C#${customerId}`;
const claimKey = (transactionId: string) => `TX#${transactionId}`;
const edgeKey = (edge: Edge) => `E#${edgeIdentity(edge)}`;
const neighbourKey = (counterpartyId: string) => `N#${counterpartyId}`;

// a claim is kept past any replay a stream can deliver (24 hours) and any re-feed of a year
const CLAIM_KEEP_DAYS = 400;
const MAX_ATTEMPTS = 20;
type Item = Record<string, unknown>;

const strip = <T>(item: Item): T => {
  const { nodeId: _n, key: _k, version: _v, ownerId: _o, ...rest } = item;
  return rest as T;
};

/** The put of `value` on the version read (`undefined`: the item must still be absent). */
const versionedPut = (table: string, key: Item, value: object, read: Item | undefined) => ({
  Put: {
    TableName: table,
    Item: { ...key, ...value, version: ((read?.version as number | undefined) ?? 0) + 1 },
    ConditionExpression: read ? 'version = :v' : 'attribute_not_exists(nodeId)',
    ...(read ? { ExpressionAttributeValues: { ':v': read.version } } : {}),
  },
});

export const dynamoGraphStore = (client: DynamoDBDocumentClient = dynamoDocumentClient()): GraphStore => {
  const table = () => tableName(GRAPH_TABLE);
  const get = async (nodeId: string, key: string) =>
    (await client.send(new GetCommand({ TableName: table(), Key: { nodeId, key }, ConsistentRead: true })))
      .Item;
  return {
    async add({ transactionId, customerId, edge, neighbour }) {
      const nodeId = customerNode(customerId);
      const keys = {
        edge: { nodeId, key: edgeKey(edge) },
        neighbour: { nodeId, key: neighbourKey(neighbour.counterpartyId) },
      };
      for (let attempt = 1; ; attempt++) {
        const [keptEdge, keptNeighbour] = await Promise.all([
          get(nodeId, keys.edge.key),
          get(nodeId, keys.neighbour.key),
        ]);
        const nextNeighbour = mergeNeighbour(keptNeighbour && strip<Neighbour>(keptNeighbour), neighbour);
        const items: TransactItems = [
          {
            Put: {
              TableName: table(),
              Item: {
                nodeId,
                key: claimKey(transactionId),
                expiresAt:
                  Math.floor(Date.parse(`${edge.firstDate}T00:00:00Z`) / 1000) + CLAIM_KEEP_DAYS * 86_400,
              },
              ConditionExpression: 'attribute_not_exists(nodeId)',
            },
          },
          versionedPut(table(), keys.edge, mergeEdge(keptEdge && strip<Edge>(keptEdge), edge), keptEdge),
          versionedPut(table(), keys.neighbour, { ...nextNeighbour, ownerId: customerId }, keptNeighbour),
        ];
        const outcome = await transactWrite(client, items);
        if (outcome.ok) return 'applied';
        if (outcome.failed.has(0)) return 'duplicate';
        // another transaction of this customer and counterparty moved the edge meanwhile: read again
        if (attempt >= MAX_ATTEMPTS) throw new Error(`graph edge of ${transactionId} kept changing`);
      }
    },
    async topNeighbours(customerId, limit) {
      const out = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: BY_AMOUNT,
          KeyConditionExpression: 'ownerId = :o',
          ExpressionAttributeValues: { ':o': customerId },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((item) => strip<Neighbour>(item));
    },
    async edges(customerId) {
      const items = await queryAll<Item>(client, {
        TableName: table(),
        KeyConditionExpression: 'nodeId = :n AND begins_with(#key, :e)',
        ExpressionAttributeNames: { '#key': 'key' },
        ExpressionAttributeValues: { ':n': customerNode(customerId), ':e': 'E#' },
      });
      return items.map((item) => strip<Edge>(item));
    },
  };
};
