// One TransactWriteItems for the tiering stores: capacity recorded, and a transaction that lost a
// race with another one on the same item (TransactionConflict) tried again after a short jittered
// wait. A failed condition is an answer, not an error: the caller learns which items failed.
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { recordWrite } from './capacity.js';

/** Physical name of a declared table (default: from the function's environment). */
export type TableNames = (tableId: string) => string;

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export type TransactOutcome =
  | { ok: true }
  /** Nothing was written: these positions failed their condition (with the item there, if asked for). */
  | { ok: false; failed: Map<number, Record<string, unknown> | undefined> };

const MAX_ATTEMPTS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const transactWrite = async (
  client: DynamoDBDocumentClient,
  items: TransactItems,
): Promise<TransactOutcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await client.send(
        new TransactWriteCommand({ TransactItems: items, ReturnConsumedCapacity: 'TOTAL' }),
      );
      recordWrite(out.ConsumedCapacity, { transactional: true });
      return { ok: true };
    } catch (error) {
      const conflict =
        (error instanceof TransactionCanceledException &&
          (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) ||
        (error as Error).name === 'TransactionConflictException';
      if (error instanceof TransactionCanceledException && !conflict) {
        const failed = new Map<number, Record<string, unknown> | undefined>();
        (error.CancellationReasons ?? []).forEach((reason, i) => {
          if (reason.Code === 'ConditionalCheckFailed') {
            failed.set(
              i,
              reason.Item ? unmarshall(reason.Item as Record<string, AttributeValue>) : undefined,
            );
          }
        });
        if (failed.size > 0) return { ok: false, failed };
      }
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
};
