// One TransactWriteItems for the performance stores. A transaction that lost a race with another on
// the same item (TransactionConflict: two duplicates at once, two entries on one hot counter) is
// tried again after a short jittered wait; a failed condition is an answer, not an error.
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export type TransactOutcome =
  | { ok: true }
  /** Nothing was written: these positions failed their condition (with the item there, if asked for). */
  | { ok: false; failed: Map<number, Record<string, unknown> | undefined> };

const MAX_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const transactWrite = async (
  client: DynamoDBDocumentClient,
  items: TransactItems,
): Promise<TransactOutcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      const failed = new Map<number, Record<string, unknown> | undefined>();
      reasons.forEach((reason, i) => {
        if (reason.Code === 'ConditionalCheckFailed') {
          failed.set(i, reason.Item ? unmarshall(reason.Item as Record<string, AttributeValue>) : undefined);
        }
      });
      if (failed.size > 0) return { ok: false, failed };
      const conflict =
        reasons.some((r) => r.Code === 'TransactionConflict') ||
        (error as Error).name === 'TransactionConflictException';
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(Math.random() * 10 * 2 ** attempt);
    }
  }
};
