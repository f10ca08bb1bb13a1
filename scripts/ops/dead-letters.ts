// `dead-letters list|replay <mapping>`: the SQS on-failure destination of a DynamoDB stream mapping,
// found in the stack's inventory, read and replayed by the same adapter the dead-letters API uses
// (shared/dead-letters/sqs-dead-letters.ts): a replay reads the batch back from the stream, invokes
// the function once with exactly those records, and deletes the message only after that succeeded.
import type { OpsClients } from './clients.js';
import { functionOf, mappingOf, type DeployedMapping, type Inventory } from './inventory.js';
import {
  listQueue,
  replayQueue,
  type ListedDeadLetter,
  type ReplayedLetter,
} from '#shared/dead-letters/sqs-dead-letters.js';

export type { ListedDeadLetter, ReplayedLetter } from '#shared/dead-letters/sqs-dead-letters.js';

const queueOf = (inventory: Inventory, name: string): { mapping: DeployedMapping; url: string } => {
  const mapping = mappingOf(inventory, name);
  if (!mapping.deadLetters) throw new Error(`stream mapping ${name} has no dead-letter queue in the stack`);
  return { mapping, url: mapping.deadLetters.url };
};

/** Peeks at up to `max` messages and makes them visible again. */
export const listDeadLetters = async (
  clients: Pick<OpsClients, 'sqs'>,
  inventory: Inventory,
  mappingName: string,
  max = 100,
): Promise<ListedDeadLetter[]> => await listQueue(clients.sqs, queueOf(inventory, mappingName).url, max);

/** Replays up to `limit` dead letters of the mapping, each once. */
export const replayDeadLetters = async (
  clients: Pick<OpsClients, 'sqs' | 'lambda' | 'streams'>,
  inventory: Inventory,
  mappingName: string,
  limit = 100,
): Promise<ReplayedLetter[]> => {
  const { mapping, url } = queueOf(inventory, mappingName);
  return await replayQueue(clients, url, functionOf(inventory, mapping.function).physicalName, limit);
};
