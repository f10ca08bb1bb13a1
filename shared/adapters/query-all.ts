// Every item a Query (or Scan) matches, page by page (for reads bounded by their key: one customer's
// alerts, one staff member's month; scans only of tables kept small).
import {
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { PageKey } from '#shared/http/pagination.js';

type Item = Record<string, unknown>;

export interface PagedReadOptions {
  /** Asks for the consumed capacity and hands it over per page (the tiering bench counts it). */
  onConsumed?: (consumed: ConsumedCapacity | undefined) => void;
}

interface Page {
  Items?: Item[];
  LastEvaluatedKey?: Item;
}

/** Reads page after page, each from where the last one stopped, until one says it is the last. */
async function* pagesOf<T>(read: (start: Item | undefined) => Promise<Page>): AsyncGenerator<T[]> {
  let start: Item | undefined;
  do {
    const page = await read(start);
    yield (page.Items ?? []) as T[];
    start = page.LastEvaluatedKey;
  } while (start);
}

const collect = async <T>(pages: AsyncIterable<T[]>): Promise<T[]> => {
  const items: T[] = [];
  for await (const page of pages) items.push(...page);
  return items;
};

/** The pages a Query returns, one at a time (for a read too large to hold at once). */
export const queryPages = <T = Item>(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  options: PagedReadOptions = {},
): AsyncGenerator<T[]> =>
  pagesOf<T>(async (start) => {
    const page = await client.send(
      new QueryCommand({
        ...input,
        ExclusiveStartKey: start,
        ...(options.onConsumed ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
      }),
    );
    options.onConsumed?.(page.ConsumedCapacity);
    return page;
  });

export const queryAll = <T = Item>(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  options: PagedReadOptions = {},
): Promise<T[]> => collect(queryPages<T>(client, input, options));

/**
 * One page of a Query: at most `limit` items from `after` on, and where the next page starts (`next`)
 * when DynamoDB says there may be more.
 */
export const queryPage = async <T = Item>(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  limit: number,
  after?: Item,
): Promise<{ items: T[]; next?: PageKey }> => {
  const page = await client.send(new QueryCommand({ ...input, Limit: limit, ExclusiveStartKey: after }));
  return {
    items: (page.Items ?? []) as T[],
    ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey as PageKey } : {}),
  };
};

/** A customer's items in a table's `byCustomer` index (partition `customerId`), newest first. */
export const customerNewestFirst = (table: string, customerId: string) => ({
  TableName: table,
  IndexName: 'byCustomer',
  KeyConditionExpression: 'customerId = :c',
  ExpressionAttributeValues: { ':c': customerId },
  ScanIndexForward: false,
});

/** Every item of a Scan (only for tables kept small: the article library). */
export const scanAll = <T = Item>(
  client: DynamoDBDocumentClient,
  input: Omit<ScanCommandInput, 'ExclusiveStartKey'>,
): Promise<T[]> =>
  collect(pagesOf<T>((start) => client.send(new ScanCommand({ ...input, ExclusiveStartKey: start }))));
