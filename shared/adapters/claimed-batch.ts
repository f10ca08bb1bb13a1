// Changes that each count once under a claim marker, written in as few TransactWriteItems as they fit
// (at most 100 items each): every change brings its claim (and items of its own), and changes that
// touch the same item (a day's totals, a month's counters) share one update adding their sum. A
// transaction is all or nothing, so what it adds is added with exactly the claims it writes; one
// cancelled for claims that exist (replays) is written again without those changes.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactWrite, type TransactItems, type TransactOptions } from './transact.js';

/** At most this many items in one TransactWriteItems (DynamoDB's limit). */
export const MAX_TRANSACTION_ITEMS = 100;

export interface ClaimedBatch<C> {
  /** The items of one change alone, its claim (a conditional put) first. */
  own(change: C): TransactItems;
  /** The keys of the shared items the change adds to. */
  shared(change: C): string[];
  /** One item per shared key: the sum of these changes' additions to it. */
  merge(key: string, changes: C[]): TransactItems[number];
}

export type ClaimedOutcome =
  | { kind: 'applied' }
  /** Claimed before: the item there, if the claim asked for it. */
  | { kind: 'duplicate'; claim: Record<string, unknown> | undefined };

export const writeClaimed = async <C>(
  client: DynamoDBDocumentClient,
  changes: readonly C[],
  batch: ClaimedBatch<C>,
  options: TransactOptions = {},
): Promise<ClaimedOutcome[]> => {
  const outcomes: (ClaimedOutcome | undefined)[] = changes.map(() => undefined);
  let pending = changes.map((_, i) => i);
  while (pending.length > 0) {
    // the next chunk: as many changes as fit with their own items and the shared ones they touch
    const chunk: number[] = [];
    const keys = new Set<string>();
    let size = 0;
    for (const i of pending) {
      const fresh = new Set(batch.shared(changes[i]!).filter((k) => !keys.has(k)));
      const cost = batch.own(changes[i]!).length + fresh.size;
      if (chunk.length > 0 && size + cost > MAX_TRANSACTION_ITEMS) break;
      chunk.push(i);
      size += cost;
      for (const k of fresh) keys.add(k);
    }
    const items: TransactItems = [];
    const claimAt = new Map<number, number>(); // item position → change
    const byKey = new Map<string, C[]>();
    for (const i of chunk) {
      claimAt.set(items.length, i);
      items.push(...batch.own(changes[i]!));
      for (const k of batch.shared(changes[i]!)) byKey.set(k, [...(byKey.get(k) ?? []), changes[i]!]);
    }
    for (const [key, touching] of byKey) items.push(batch.merge(key, touching));
    const outcome = await transactWrite(client, items, options);
    if (outcome.ok) {
      for (const i of chunk) outcomes[i] = { kind: 'applied' };
    } else {
      // nothing of the chunk was written: the changes whose claim exists are replays, the rest go again
      for (const [position, item] of outcome.failed) {
        const i = claimAt.get(position);
        if (i === undefined)
          throw new Error(`a claimed batch failed a condition it does not set (item ${position})`);
        outcomes[i] = { kind: 'duplicate', claim: item };
      }
    }
    pending = pending.filter((i) => outcomes[i] === undefined);
  }
  return outcomes as ClaimedOutcome[];
};
