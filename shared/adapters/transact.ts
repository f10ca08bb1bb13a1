// One TransactWriteItems, as every store writes them. A transaction that lost a race with another
// on the same item (TransactionConflict: two duplicates at once, two updates of one hot counter) is
// tried again after a short jittered wait; then a failed condition is an answer, not an error: the
// caller learns which positions failed (with the item there, if it asked for it).
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  TransactionCanceledException,
  type AttributeValue,
  type ConsumedCapacity,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export type TransactOutcome =
  | { ok: true }
  /** Nothing was written: these positions failed their condition (with the item there, if asked for). */
  | { ok: false; failed: Map<number, Record<string, unknown> | undefined> };

export interface TransactOptions {
  /** Asks DynamoDB for the consumed capacity and hands it over (the tiering bench counts it). */
  onConsumed?: (consumed: ConsumedCapacity[] | undefined) => void;
}

const MAX_ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const transactWrite = async (
  client: DynamoDBDocumentClient,
  items: TransactItems,
  options: TransactOptions = {},
): Promise<TransactOutcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await client.send(
        new TransactWriteCommand({
          TransactItems: items,
          ...(options.onConsumed ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
        }),
      );
      options.onConsumed?.(out.ConsumedCapacity);
      return { ok: true };
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      const conflict =
        reasons.some((r) => r.Code === 'TransactionConflict') ||
        (error as Error).name === 'TransactionConflictException';
      if (!conflict) {
        const failed = new Map<number, Record<string, unknown> | undefined>();
        reasons.forEach((reason, i) => {
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
      await sleep(Math.random() * 10 * 2 ** attempt);
    }
  }
};
