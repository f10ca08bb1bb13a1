// The month close (issue 3, reworked for issue 16): customers/s closing a month over `closeCustomers`
// customers with 8 segments side by side in this process, against a raw parallel scan of the same
// customers that writes one item per customer (what a close minimally does) at the same segments,
// measured right before it. Its tables are its own (made from the declaration), dropped afterwards.
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { monthCloseBook, monthCloseTables } from './fixtures.js';
import { businessDateOf } from '#shared/clock.js';
import { addMonths, monthOf } from '#shared/tiering/calendar.js';
import { closeMonth } from '#shared/tiering/month-close.js';
import { monthCloseDepsOn } from '#shared/tiering/deps.js';
import { ensureRawTable, rawTableName } from './raw.js';
import { fmt, perSecond } from './stats.js';
import { pool, report } from './support.js';

const SEGMENTS = 8;

const batchWrite = async (
  document: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
) => {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const out = await document.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
};

export const runMonthCloseBench = async (runtime: LocalRuntime, options: { closeCustomers: number }) => {
  const today = businessDateOf(runtime.clock.now());
  const runId = Date.now().toString(36);
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: process.env.AWS_REGION ?? 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const prefix = `${runtime.tablePrefix}bench-${runId}-`;
  const declared = monthCloseTables();
  await ensureTables(client, prefix, declared);
  await ensureRawTable(runtime, client);
  const names = (id: string) => physicalTableName(prefix, { id });
  const month = addMonths(monthOf(today), -1);
  try {
    const { customers, monthItems } = monthCloseBook(options.closeCustomers, 'BC', '基准客户', month);
    const load = (table: string, items: Record<string, unknown>[]) =>
      pool(Math.ceil(items.length / 250), 8, (b) =>
        batchWrite(document, table, items.slice(b * 250, b * 250 + 250)),
      );
    await load(names('customers'), customers);
    await load(names('aum-counters'), monthItems);

    // raw: the same parallel scan, each page's customers written back as one item each
    const raw = rawTableName(runtime);
    let started = performance.now();
    let scanned = 0;
    await Promise.all(
      Array.from({ length: SEGMENTS }, async (_, segment) => {
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await document.send(
            new ScanCommand({
              TableName: names('customers'),
              Segment: segment,
              TotalSegments: SEGMENTS,
              Limit: 100,
              ExclusiveStartKey,
            }),
          );
          const items = page.Items ?? [];
          scanned += items.length;
          await batchWrite(
            document,
            raw,
            items.map((c) => ({ pk: `${runId}#${c.customerId}`, sk: `CLOSE#${month}`, tier: c.tier, month })),
          );
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
      }),
    );
    const rawRate = perSecond(scanned, performance.now() - started);
    report(
      `month close: raw parallel scan + write, ${fmt(scanned)} customers, ${SEGMENTS} segments`,
      fmt(rawRate),
      'customers/s',
    );

    const deps = monthCloseDepsOn(document, names, runtime.clock);
    started = performance.now();
    const first = await closeMonth(deps, { month, totalSegments: SEGMENTS });
    const closeRate = perSecond(first.customers, performance.now() - started);
    report(
      `month close: ${month}, ${fmt(first.customers)} customers, ${SEGMENTS} segments (${fmt(first.changed)} tier changes)`,
      fmt(closeRate),
      'customers/s',
      closeRate / rawRate,
    );
    started = performance.now();
    const second = await closeMonth(deps, { month, totalSegments: SEGMENTS });
    const againRate = perSecond(second.customers, performance.now() - started);
    report(
      `month close: run again (idempotent, ${second.changed} changes)`,
      fmt(againRate),
      'customers/s',
      againRate / rawRate,
    );
    return { rawRate, closeRate };
  } finally {
    await Promise.all(
      declared.map((t) =>
        client.send(new DeleteTableCommand({ TableName: names(t.id) })).catch(() => undefined),
      ),
    );
    client.destroy();
  }
};
