// Issue 7's figures, from one run on one DynamoDB Local: GET /v1/workbench latency for an RM with 500
// customers (every panel filled), beside raw reads of the same items made the same way (side by side,
// in parallel); and a management report (tier distribution) for a branch of 20,000 customers — 200
// RMs in 40 outlets — beside a raw BatchGet of the same counter items. The 500 customers go through
// the customers stream like any other; the branch's counters are built in-process with the stream
// handler's own functions (dqRecordOf → contributionOf) and ADDed, so the report reads what the
// stream would have kept without streaming 20,000 customers on a shared machine.
import { BatchGetCommand, BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime.js';
import { businessDateOf } from '#shared/clock.js';
import { TIERS, type Customer, type Tier } from '#shared/customers/customer.js';
import { dqRecordOf, scopesOf } from '#shared/data-quality/record.js';
import { contributionOf } from '#shared/data-quality/score.js';
import { addDays, dueKeyOf } from '#shared/maturities/maturity.js';
import { fmt, line, pool, summary, apiCaller } from './support.js';

const BRANCH = 'WB';
const SUBS = 10;
const OUTLETS_PER_SUB = 4;
const RMS_PER_OUTLET = 5;
const CUSTOMERS_PER_RM = 100;
const BIG_BOOK = 500;
const BIG_RM = 'wb-rm-big';
const READS = 200;

const subOf = (s: number) => `WB-S${String(s + 1).padStart(2, '0')}`;
const outletOf = (s: number, o: number) => `${subOf(s)}-O${o + 1}`;
const rmOf = (s: number, o: number, r: number) => `wb-rm-${s + 1}-${o + 1}-${r + 1}`;

const tierOf = (i: number): Tier => TIERS[[0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4][i % 11]!]!;

const customer = (
  id: string,
  managerId: string,
  orgId: string,
  orgPath: string,
  i: number,
  at: string,
): Customer => ({
  customerId: id,
  name: `压测客户${i}`,
  ...(i % 3 !== 0 ? { phone: `+86138${String(10_000_000 + i).slice(-8)}` } : {}),
  orgId,
  orgPath,
  branchId: BRANCH,
  scopeKey: orgPath + id,
  managerId,
  tier: tierOf(i),
  ...(i % 4 !== 0 ? { riskLevel: 'C3' as const } : {}),
  smsConsent: true,
  tags: [],
  createdAt: at,
  updatedAt: at,
  version: 1,
});

const batchWrite = async (runtime: LocalRuntime, table: string, items: Record<string, unknown>[]) => {
  const name = runtime.tableName(table);
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await pool(chunks.length, 8, async (c) => {
    let requests = chunks[c]!.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const out = await runtime.document.send(new BatchWriteCommand({ RequestItems: { [name]: requests } }));
      requests = (out.UnprocessedItems?.[name] ?? []) as typeof requests;
    }
  });
};

const batchGetAll = async (runtime: LocalRuntime, table: string, keys: Record<string, unknown>[]) => {
  const name = runtime.tableName(table);
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending = chunk;
      while (pending.length > 0) {
        const out = await runtime.document.send(
          new BatchGetCommand({ RequestItems: { [name]: { Keys: pending } } }),
        );
        pending = out.UnprocessedKeys?.[name]?.Keys ?? [];
      }
    }),
  );
};

const queryAll = async (runtime: LocalRuntime, input: ConstructorParameters<typeof QueryCommand>[0]) => {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await runtime.document.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    start = page.LastEvaluatedKey;
  } while (start);
};

/**
 * The workbench branch, seeded once per run (the web bench reuses it): 200 RMs in 40 outlets, and
 * `wb-rm-big` with a book of 500 customers whose panels are all filled.
 */
let seeded: Promise<WorkbenchBranch> | undefined;
export interface WorkbenchBranch {
  bigRm: string;
  big: Customer[];
  rms: { staffId: string; orgId: string; orgPath: string }[];
  now: Date;
  at: string;
  today: string;
}
export const seedWorkbenchBranch = (runtime: LocalRuntime): Promise<WorkbenchBranch> =>
  (seeded ??= seedBranch(runtime));

const seedBranch = async (runtime: LocalRuntime): Promise<WorkbenchBranch> => {
  const call = apiCaller(runtime);
  // the branch: 10 sub-branches × 4 outlets × 5 RMs
  const now = runtime.clock.now();
  const at = now.toISOString();
  const today = businessDateOf(now);
  await call('admin', 'PUT', `/v1/orgs/${BRANCH}`, {
    name: '压测工作台分行',
    level: 'branch',
    parentId: 'HO',
  });
  await pool(SUBS, 4, async (s) => {
    await call('admin', 'PUT', `/v1/orgs/${subOf(s)}`, {
      name: `压测支行${s + 1}`,
      level: 'sub_branch',
      parentId: BRANCH,
    });
  });
  await pool(SUBS * OUTLETS_PER_SUB, 4, async (i) => {
    const [s, o] = [Math.floor(i / OUTLETS_PER_SUB), i % OUTLETS_PER_SUB];
    await call('admin', 'PUT', `/v1/orgs/${outletOf(s, o)}`, {
      name: `压测网点${i + 1}`,
      level: 'outlet',
      parentId: subOf(s),
    });
  });
  const rms = Array.from({ length: SUBS * OUTLETS_PER_SUB * RMS_PER_OUTLET }, (_, i) => {
    const r = i % RMS_PER_OUTLET;
    const o = Math.floor(i / RMS_PER_OUTLET) % OUTLETS_PER_SUB;
    const s = Math.floor(i / (RMS_PER_OUTLET * OUTLETS_PER_SUB));
    return {
      staffId: rmOf(s, o, r),
      orgId: outletOf(s, o),
      orgPath: `/HO/${BRANCH}/${subOf(s)}/${outletOf(s, o)}/`,
    };
  });
  await pool(rms.length, 8, async (i) => {
    await call('admin', 'PUT', `/v1/staff/${rms[i]!.staffId}`, {
      name: `客户经理${i + 1}`,
      role: 'rm',
      orgId: rms[i]!.orgId,
    });
  });
  await call('admin', 'PUT', `/v1/staff/${BIG_RM}`, {
    name: '大户客户经理',
    role: 'rm',
    orgId: rms[0]!.orgId,
  });

  // 1. an RM with 500 customers: through the customers stream, with tier standings, alerts and maturities
  const big = Array.from({ length: BIG_BOOK }, (_, i) =>
    customer(`WB-BIG-${String(i).padStart(4, '0')}`, BIG_RM, rms[0]!.orgId, rms[0]!.orgPath, i, at),
  );
  await batchWrite(runtime, 'customers', big);
  await batchWrite(
    runtime,
    'tier-state',
    big.map((c, i) => ({
      customerId: c.customerId,
      key: 'STATE',
      tier: c.tier,
      version: 1,
      updatedAt: at,
      outlook: {
        asOf: today,
        nextTier: 'gold',
        nextThresholdFen: 5_000_000,
        gapToNextFen: (i % 50) * 20_000 + 1,
        depositNeededFen: (i % 50) * 40_000 + 1,
        projectedAvgAumFen: 5_000_000 - (i % 50) * 20_000 - 1,
      },
    })),
  );
  await batchWrite(
    runtime,
    'alerts',
    big.slice(0, 40).map((c, i) => {
      const alertId = `WB-AL-${String(i).padStart(3, '0')}`;
      const dueAt = new Date(now.getTime() + (i + 1) * 3_600_000).toISOString();
      return {
        alertId,
        customerId: c.customerId,
        customerName: c.name,
        managerId: BIG_RM,
        orgPath: c.orgPath,
        branchId: BRANCH,
        title: '大额交易',
        severity: 'high',
        status: 'open',
        raisedAt: at,
        dueAt,
        amountAtRiskFen: 50_000_000,
        listKey: `open#${dueAt}#${alertId}`,
        scopeKey: c.orgPath + alertId,
        raisedKey: `${at}#${alertId}`,
        version: 1,
      };
    }),
  );
  await batchWrite(
    runtime,
    'maturities',
    big.slice(0, 40).map((c, i) => {
      const maturityDate = addDays(today, i % 20);
      return {
        customerId: c.customerId,
        registrationId: `WB-R-${i}`,
        managerId: BIG_RM,
        maturityDate,
        dueKey: dueKeyOf(maturityDate, c.customerId, `WB-R-${i}`),
        productId: 'WB-TD',
        productName: '压测定期',
        category: 'time_deposit',
        amountFen: 10_000_000,
        orgPath: c.orgPath,
      };
    }),
  );
  await runtime.drained();
  return { bigRm: BIG_RM, big, rms, now, at, today };
};

/**
 * The branch's 20,000 customers (100 for each of its 200 RMs) as the customers stream would count them:
 * counters built with the stream's functions and ADDed per scope, once per run (the web bench's
 * reports read them too).
 */
let counted: Promise<string> | undefined;
export const seedBranchCounters = (runtime: LocalRuntime): Promise<string> =>
  (counted ??= countBranch(runtime));

const countBranch = async (runtime: LocalRuntime): Promise<string> => {
  const { rms, at } = await seedWorkbenchBranch(runtime);
  const totals = new Map<string, Record<string, number>>();
  let n = 0;
  for (const rm of rms) {
    for (let j = 0; j < CUSTOMERS_PER_RM; j++, n++) {
      const record = dqRecordOf(
        customer(`WB-C${String(n).padStart(6, '0')}`, rm.staffId, rm.orgId, rm.orgPath, n, at),
      );
      const contribution = contributionOf(record);
      for (const scope of scopesOf(record)) {
        const sum = totals.get(scope) ?? {};
        for (const [k, v] of Object.entries(contribution)) sum[k] = (sum[k] ?? 0) + v;
        totals.set(scope, sum);
      }
    }
  }
  await pool(totals.size, 8, async (i) => {
    const [scope, sums] = [...totals.entries()][i]!;
    const fields = Object.keys(sums);
    await runtime.document.send(
      new UpdateCommand({
        TableName: runtime.tableName('dq-aggregates'),
        Key: { scope },
        UpdateExpression: 'ADD ' + fields.map((_, f) => `#f${f} :v${f}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(fields.map((f, k) => [`#f${k}`, f])),
        ExpressionAttributeValues: Object.fromEntries(fields.map((f, k) => [`:v${k}`, sums[f]])),
      }),
    );
  });
  return BRANCH;
};

export const runWorkbenchBench = async (runtime: LocalRuntime) => {
  console.log('\nWorkbench and management reports (issue 7)');
  const call = apiCaller(runtime);
  const { big, rms, today } = await seedWorkbenchBranch(runtime);
  const time = async (task: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t0 = performance.now();
      await task();
      samples.push(performance.now() - t0);
    }
    return summary(samples);
  };

  const day = (await call(BIG_RM, 'GET', '/v1/workbench')) as Record<
    string,
    unknown[] | Record<string, unknown>
  >;
  const month = today.slice(0, 7);
  const raw = () =>
    Promise.all([
      queryAll(runtime, {
        TableName: runtime.tableName('customers'),
        IndexName: 'byManager',
        KeyConditionExpression: 'managerId = :m',
        ExpressionAttributeValues: { ':m': BIG_RM },
        ProjectionExpression: 'customerId, #n, tier',
        ExpressionAttributeNames: { '#n': 'name' },
      }),
      batchGetAll(
        runtime,
        'tier-state',
        big.map((c) => ({ customerId: c.customerId, key: 'STATE' })),
      ),
      ...['open', 'acknowledged'].map((s) =>
        runtime.document.send(
          new QueryCommand({
            TableName: runtime.tableName('alerts'),
            IndexName: 'byManager',
            KeyConditionExpression: 'managerId = :m AND begins_with(listKey, :s)',
            ExpressionAttributeValues: { ':m': BIG_RM, ':s': `${s}#` },
            Limit: 20,
          }),
        ),
      ),
      runtime.document.send(
        new QueryCommand({
          TableName: runtime.tableName('maturities'),
          IndexName: 'byManager',
          KeyConditionExpression: 'managerId = :m AND dueKey BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':m': BIG_RM, ':a': `${today}#`, ':b': `${addDays(today, 14)}#~` },
          Limit: 20,
        }),
      ),
      batchGetAll(runtime, 'dq-aggregates', [{ scope: `rm#${BIG_RM}` }]),
      runtime.document.send(
        new QueryCommand({
          TableName: runtime.tableName('data-quality'),
          IndexName: 'byManager',
          KeyConditionExpression: 'managerId = :m',
          ExpressionAttributeValues: { ':m': BIG_RM },
          Limit: 10,
        }),
      ),
      batchGetAll(runtime, 'report-aggregates', [{ scope: `rm#${BIG_RM}`, key: `${month}#tier` }]),
      runtime.document.send(
        new QueryCommand({
          TableName: runtime.tableName('report-aggregates'),
          KeyConditionExpression: '#s = :s AND begins_with(#k, :k)',
          ExpressionAttributeNames: { '#s': 'scope', '#k': 'key' },
          ExpressionAttributeValues: { ':s': `rm#${BIG_RM}`, ':k': `${month}#move#` },
          Limit: 20,
        }),
      ),
      ...['running', 'approved'].map((s) =>
        queryAll(runtime, {
          TableName: runtime.tableName('campaigns'),
          IndexName: 'byStatus',
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': s },
        }),
      ),
      batchGetAll(runtime, 'performance-aggregates', [{ pk: `S#${BIG_RM}`, sk: month }]),
      queryAll(runtime, {
        TableName: runtime.tableName('performance-aggregates'),
        IndexName: 'byBoard',
        KeyConditionExpression: 'board = :b AND begins_with(boardKey, :p)',
        ExpressionAttributeValues: { ':b': `${BRANCH}#${month}`, ':p': `/HO/${BRANCH}/` },
      }),
    ]);
  const workbench = await time(() => call(BIG_RM, 'GET', '/v1/workbench'));
  const workbenchRaw = await time(raw);
  const counts = ['openAlerts', 'maturities', 'nearTierThreshold'].map(
    (k) => `${(day[k] as unknown[]).length} ${k}`,
  );
  line(
    `GET /v1/workbench, RM with ${BIG_BOOK} customers (${READS} reads; ${counts.join(', ')})`,
    `p50 ${fmt(workbench.p50, 1)} ms, p99 ${fmt(workbench.p99, 1)} ms`,
  );
  line(
    '  raw DynamoDB Local reads of the same items (same calls, in parallel)',
    `p50 ${fmt(workbenchRaw.p50, 1)} ms, p99 ${fmt(workbenchRaw.p99, 1)} ms (${fmt(workbench.p50 / workbenchRaw.p50, 1)}× at p50)`,
  );

  // 2. a branch of 20,000 customers
  await seedBranchCounters(runtime);
  const report = (await call('admin', 'GET', `/v1/reports/tier-distribution?orgId=${BRANCH}`)) as {
    totals: { customers: number };
    managers: unknown[];
    orgs: unknown[];
  };
  const reportKeys = [BRANCH, ...Array.from({ length: SUBS }, (_, s) => subOf(s))].map((o) => ({
    scope: `org#${o}`,
  }));
  reportKeys.push(...[...rms.map((r) => r.staffId), BIG_RM].map((s) => ({ scope: `rm#${s}` })));
  const branch = await time(() => call('admin', 'GET', `/v1/reports/tier-distribution?orgId=${BRANCH}`));
  const branchRaw = await time(() => batchGetAll(runtime, 'dq-aggregates', reportKeys));
  line(
    `GET /v1/reports/tier-distribution, branch of ${fmt(report.totals.customers)} customers (${report.orgs.length} units, ${report.managers.length} RMs)`,
    `p50 ${fmt(branch.p50, 1)} ms, p99 ${fmt(branch.p99, 1)} ms`,
  );
  line(
    `  raw BatchGet of the same ${reportKeys.length} counter items`,
    `p50 ${fmt(branchRaw.p50, 1)} ms, p99 ${fmt(branchRaw.p99, 1)} ms (${fmt(branch.p50 / branchRaw.p50, 1)}× at p50)`,
  );
};
