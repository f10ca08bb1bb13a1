// Measures capacity units per operation on the local runtime: the handlers' own DynamoDB client gets
// the capacity meter (meter.ts), every stream consumer runs (bench/consumers.ts, each invocation named
// for the meter), and each operation is done `count` times, drained through every consumer it wakes
// (cascades included: tier changes, alerts, audit), and divided by `count`.
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { system } from '#infra/declaration/index.js';
import { ensureTables, physicalTableName } from '#infra/local/tables.js';
import type { LocalRuntime } from '#infra/local/runtime.js';
import {
  approvedCampaign,
  monthCloseBook,
  monthCloseTables,
  startMeasuredRuntime,
} from '../../bench/fixtures.js';
import { dynamoDocumentClient } from '#shared/adapters/aws.js';
import { businessDateOf, fixedClock } from '#shared/clock.js';
import { ulidGenerator } from '#shared/adapters/ids.js';
import { addMonths, monthOf } from '#shared/tiering/calendar.js';
import { closeMonth } from '#shared/tiering/month-close.js';
import { monthCloseDepsOn } from '#shared/tiering/deps.js';
import { dispatchCampaigns } from '#shared/campaigns/dispatch.js';
import { dynamoDispatchDeps } from '#shared/campaigns/deps.js';
import { SnsSmsProvider } from '#shared/sms/sns-provider.js';
import type { Customer } from '#shared/customers/customer.js';
import { accountOpeningConsent } from '#infra/local/seed/demo-bank.js';
import { benchClients, startConsumers, type Consumers } from '../../bench/consumers.js';
import { benchBranch, pipelines } from '../../bench/pipelines.js';
import { pool } from '../../bench/support.js';
import { CapacityMeter, consumer, meterClient, type KeyTally, type Tally } from './meter.js';

export interface ConsumerCost {
  consumer: string;
  /** Billed write request units per operation (transactional items twice). */
  wru: number;
  rru: number;
  calls: number;
}

export interface TableCost {
  table: string;
  wru: number;
  rru: number;
}

export interface SharedKey {
  table: string;
  key: string;
  kind: 'read' | 'write';
  /** Items on this key touched per operation (a share below 1 when not every operation does). */
  perOperation: number;
  /** Billed units on it per operation that touched it. */
  unitsPerTouch: number;
}

export interface OperationCost {
  name: string;
  count: number;
  wru: number;
  rru: number;
  calls: number;
  /** Calls answered without ConsumedCapacity (failed conditions): their units are estimated. */
  unreportedCalls: number;
  /** TransactWriteItems calls whose units were computed from item sizes. */
  computedCalls: number;
  byConsumer: ConsumerCost[];
  byTable: TableCost[];
  sharedKeys: SharedKey[];
}

export interface Measured {
  at: string;
  operations: Record<'transaction' | 'registration' | 'sms' | 'closeCustomer', OperationCost>;
}

const billed = (t: Tally) => {
  // transactional items are tallied at standard rates (meter.ts computes them); DynamoDB bills twice that
  const units = t.units * (t.transactional ? 2 : 1);
  // a call without ConsumedCapacity (a failed condition) is billed at least one unit per item
  return units + t.unreported * (t.transactional ? 2 : 1);
};

/** The declared table a physical name is (whatever its prefix): the longest id it ends with. */
const declaredOf = (physical: string) =>
  system.tables.filter((t) => physical.endsWith(t.id)).sort((a, b) => b.id.length - a.id.length)[0];

export const costOf = (
  name: string,
  count: number,
  tallies: Tally[],
  keys: KeyTally[],
  tableOf: (physical: string) => string,
): OperationCost => {
  const sum = (list: Tally[], kind: 'read' | 'write') =>
    list.filter((t) => t.kind === kind).reduce((s, t) => s + billed(t), 0) / count;
  const group = <K extends string>(by: (t: Tally) => K) => {
    const groups = new Map<K, Tally[]>();
    for (const t of tallies) groups.set(by(t), [...(groups.get(by(t)) ?? []), t]);
    return [...groups];
  };
  const transactionalTables = new Set(tallies.filter((t) => t.transactional).map((t) => t.table));
  return {
    name,
    count,
    wru: sum(tallies, 'write'),
    rru: sum(tallies, 'read'),
    calls: tallies.reduce((s, t) => s + t.calls, 0) / count,
    unreportedCalls: tallies.reduce((s, t) => s + t.unreported, 0) / count,
    computedCalls: tallies.reduce((s, t) => s + t.computed, 0) / count,
    byConsumer: group((t) => t.consumer)
      .map(([c, list]) => ({
        consumer: c,
        wru: sum(list, 'write'),
        rru: sum(list, 'read'),
        calls: list.reduce((s, t) => s + t.calls, 0) / count,
      }))
      .sort((a, b) => b.wru + b.rru - a.wru - a.rru),
    byTable: group((t) => tableOf(t.table))
      .map(([table, list]) => ({ table, wru: sum(list, 'write'), rru: sum(list, 'read') }))
      .sort((a, b) => b.wru + b.rru - a.wru - a.rru),
    sharedKeys: keys
      .filter((k) => k.touches >= Math.max(5, count * 0.1))
      .map((k) => ({
        table: tableOf(k.table),
        key: k.key,
        kind: k.kind,
        perOperation: k.touches / count,
        unitsPerTouch: (k.units * (transactionalTables.has(k.table) ? 2 : 1)) / k.touches,
      }))
      .sort((a, b) => b.perOperation * b.unitsPerTouch - a.perOperation * a.unitsPerTouch),
  };
};

/** Waits until a drain adds no consumption: every consumer, and the consumers of their writes, done. */
const settle = async (consumers: Consumers, meter: CapacityMeter) => {
  for (let round = 0; round < 20; round++) {
    const before = meter.snapshot().reduce((s, t) => s + t.calls, 0);
    await consumers.streams.drained();
    await new Promise((r) => setTimeout(r, 300));
    await consumers.streams.drained();
    if (meter.snapshot().reduce((s, t) => s + t.calls, 0) === before) return;
  }
};

export const measureCapacity = async (options: { log?: (line: string) => void } = {}): Promise<Measured> => {
  const log = options.log ?? (() => {});
  const runtime = await startMeasuredRuntime({ streams: false });
  const meter = new CapacityMeter((table) => {
    const declared = declaredOf(table);
    return (
      declared && {
        partitionKey: declared.partitionKey.name,
        indexKeys: (declared.globalIndexes ?? []).map((i) => i.partitionKey.name),
      }
    );
  });
  meterClient(dynamoDocumentClient(), meter);
  const clients = benchClients(runtime);
  const consumers = await startConsumers(runtime, clients, {
    functions: [...new Set(runtime.plan.streamMappings.map((m) => m.fn.name))],
    storeName: `capacity-${Date.now().toString(36)}`,
    keyOf: () => undefined,
    around: (fn, run) => consumer.run(fn, run),
  });
  const tableOf = (physical: string) => declaredOf(physical)?.id ?? physical;
  const take = (name: string, count: number) => {
    const cost = costOf(name, count, meter.snapshot(), meter.keySnapshot(), tableOf);
    log(
      `${name}: ${cost.wru.toFixed(2)} WRU, ${cost.rru.toFixed(2)} RRU, ${cost.calls.toFixed(1)} calls per operation`,
    );
    return cost;
  };
  try {
    // the consumers' iterators open at LATEST: a first transaction through them, and the branch set up
    const specs = pipelines(runtime);
    const transactions = specs.transactions!;
    await transactions.setup?.();
    await transactions.post([transactions.item('CAPWARM', 0).body]);
    await benchBranch(runtime);
    await settle(consumers, meter);

    // one posted transaction through all its consumers (batches of 100, as core banking posts them)
    meter.reset();
    const TRANSACTIONS = 300;
    const items = Array.from({ length: TRANSACTIONS }, (_, i) =>
      transactions.item(`CAPT${Date.now().toString(36)}`, i),
    );
    await pool(TRANSACTIONS / 100, 1, (b) =>
      transactions.post(items.slice(b * 100, b * 100 + 100).map((i) => i.body)),
    );
    await settle(consumers, meter);
    const transaction = take('transaction', TRANSACTIONS);

    // one performance registration (naming a campaign, so the conversion is counted too)
    meter.reset();
    const REGISTRATIONS = 100;
    const conversions = specs.conversions!;
    await pool(REGISTRATIONS, 4, (i) =>
      conversions.post([conversions.item(`CAPR${Date.now().toString(36)}`, i).body]),
    );
    await settle(consumers, meter);
    const registration = take('registration', REGISTRATIONS);

    const sms = await measureSms(runtime, consumers, meter, log);
    const smsCost = take('sms', sms);

    meter.reset();
    const closed = await measureMonthClose(runtime, meter);
    const closeCustomer = take('closeCustomer', closed);
    return {
      at: new Date().toISOString(),
      operations: { transaction, registration, sms: smsCost, closeCustomer },
    };
  } finally {
    await consumers.stop();
    clients.dynamodb.destroy();
    clients.streams.destroy();
    await runtime.stop();
  }
};

/** A campaign to an audience of its own, dispatched through the SMS gateway of the runtime: sends. */
export const measureSms = async (
  runtime: LocalRuntime,
  consumers: Consumers | undefined,
  meter: CapacityMeter,
  log: (line: string) => void = () => {},
) => {
  const AUDIENCE = 100;
  const manager = 'rm-capacity-sms';
  const now = runtime.clock.now();
  const table = runtime.tableName('customers');
  const customers = Array.from({ length: AUDIENCE }, (_, i) => ({
    customerId: `CAPS${String(i).padStart(5, '0')}`,
    name: `容量客户${i}`,
    phone: `+86139${String(20_000_000 + i).slice(-8)}`,
    orgId: 'PB-O01',
    orgPath: '/HO/PB/PB-O01/',
    branchId: 'PB',
    scopeKey: `/HO/PB/PB-O01/CAPS${i}`,
    managerId: manager,
    tier: 'standard',
    smsConsent: true,
    tags: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  }));
  // and each one's consent in the ledger, as the demo bank records it at account opening
  const consents = customers.flatMap((c) => accountOpeningConsent(c as unknown as Customer));
  for (const [name, items] of [
    [table, customers],
    [runtime.tableName('sms-consent'), consents],
  ] as const)
    for (let i = 0; i < items.length; i += 25)
      await runtime.document.send(
        new BatchWriteCommand({
          RequestItems: { [name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
  if (consumers) await settle(consumers, meter);
  meter.reset();
  const deps = dynamoDispatchDeps(new SnsSmsProvider());
  const ids = ulidGenerator();
  const at = now.toISOString();
  const campaign = approvedCampaign({
    campaignId: ids.next('CMP'),
    name: 'capacity',
    managerId: manager,
    at,
    endAt: '2099-12-31T00:00:00Z',
    window: { start: '00:00', end: '23:59' },
  });
  const report = await consumer.run('campaigns-dispatch', async () => {
    await deps.campaigns.put(campaign, {
      entityKey: `campaign#${campaign.campaignId}`,
      auditId: ids.next(),
      actorId: 'capacity',
      action: 'campaign.create',
      at,
      correlationId: 'capacity',
    });
    return dispatchCampaigns(deps, {
      clock: fixedClock(now),
      ids,
      caps: { perDay: 1, per7Days: 2 },
      pacer: { rate: 200, marginMs: 0 },
      workers: 8,
      deadlineMs: Date.now() + 120_000,
      pricePerPartFen: 5,
      monthlyBudgetFen: 100_000_000,
      staleClaimMs: 300_000,
    });
  });
  if (consumers) await settle(consumers, meter);
  log(
    `sms dispatch: ${JSON.stringify({ ...report, started: report.started.length, completed: report.completed.length })}`,
  );
  return Math.max(1, report.sent);
};

/** The month close of `CUSTOMERS` customers on tables of its own (a fifth hold counters last month). */
const measureMonthClose = async (runtime: LocalRuntime, meter: CapacityMeter): Promise<number> => {
  const CUSTOMERS = 1000;
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: process.env.AWS_REGION ?? 'ap-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const prefix = `${runtime.tablePrefix}cap${Date.now().toString(36)}-`;
  const declared = monthCloseTables();
  await ensureTables(client, prefix, declared);
  const names = (id: string) => physicalTableName(prefix, { id });
  const month = addMonths(monthOf(businessDateOf(runtime.clock.now())), -1);
  const write = async (table: string, items: Record<string, unknown>[]) => {
    for (let i = 0; i < items.length; i += 25)
      await document.send(
        new BatchWriteCommand({
          RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
  };
  try {
    const { customers, monthItems } = monthCloseBook(CUSTOMERS, 'CC', '容量客户', month);
    await write(names('customers'), customers);
    await write(names('aum-counters'), monthItems);
    meterClient(document, meter);
    const result = await consumer.run('tiering-month-close-segment', () =>
      closeMonth(monthCloseDepsOn(document, names, runtime.clock), { month, totalSegments: 4 }),
    );
    return Math.max(1, result.customers);
  } finally {
    await Promise.all(
      declared.map((t) =>
        client.send(new DeleteTableCommand({ TableName: names(t.id) })).catch(() => undefined),
      ),
    );
    client.destroy();
  }
};
