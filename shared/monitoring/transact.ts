// One TransactWriteItems for the monitoring stores. A failed condition is an answer (which items
// failed, with the item there when asked for); losing a race with another transaction on the same
// item (TransactionConflict) is retried after a short jittered wait.
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export type TransactOutcome =
  { ok: true } | { ok: false; failed: Map<number, Record<string, unknown> | undefined> };

const MAX_ATTEMPTS = 6;

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
      const conflict =
        reasons.some((r) => r.Code === 'TransactionConflict') ||
        (error as Error).name === 'TransactionConflictException';
      if (error instanceof TransactionCanceledException && !conflict) {
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
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
};
