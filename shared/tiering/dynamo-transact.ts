// The tiering stores' TransactWriteItems: the shared one, with the consumed capacity recorded for
// the bench's write-units figure.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  transactWrite as transact,
  type TransactItems,
  type TransactOutcome,
} from '#shared/adapters/transact.js';
import { recordWrite } from './capacity.js';

export type { TransactItems, TransactOutcome };

/** Physical name of a declared table (default: from the function's environment). */
export type TableNames = (tableId: string) => string;

export const transactWrite = (
  client: DynamoDBDocumentClient,
  items: TransactItems,
): Promise<TransactOutcome> =>
  transact(client, items, { onConsumed: (consumed) => recordWrite(consumed, { transactional: true }) });
