// docs/capacity.md from the measurement, the sources and the model's figures: every number in a row
// with where it comes from (measured, published with its address, assumed with why, or computed).
import type { Measured, OperationCost } from './measure.js';
import type { ModelInput, ModelOutput } from './model.js';
import { defaultAssumptions, defaultLoad, limits, prices, unitRules, type Sourced } from './sources.js';

const n = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';
const row = (...cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [
  row(...head),
  row(...head.map(() => '---')),
  ...rows.map((r) => row(...r)),
];

const measuredBy = (op: OperationCost) => `measured: ConsumedCapacity over ${n(op.count)} operations`;

export const renderCapacityDoc = (measured: Measured, input: ModelInput, out: ModelOutput): string => {
  const { transaction, registration, sms, closeCustomer } = measured.operations;
  const hot = out.hotKeys.filter((k) => k.shardsNeeded > 1);
  const worst = out.consumers.reduce(
    (w, c) => (c.iteratorAgeAtPeakSeconds > w.iteratorAgeAtPeakSeconds ? c : w),
    out.consumers[0] ?? { consumer: '—', iteratorAgeAtPeakSeconds: NaN },
  );
  const transactionsTable = out.tables.find((t) => t.table === 'transactions');
  const closeAt10 = out.closeBySegments.find((c) => c.segments === out.closeSegmentsAvailable);
  const lines: string[] = [
    `# Capacity for a big bank: ${n(input.load.customers / 1e6)} million customers, ${n(input.load.sustainedTps)} transactions/s (${n(input.load.peakTps)} at peak), ${n(input.load.smsPerDay / 1e6)} million SMS a day`,
    '',
    `Written by \`npm run capacity\` (scripts/capacity.ts) at ${measured.at}. Units per operation are read from`,
    "DynamoDB Local's ConsumedCapacity with every stream consumer running; limits and prices are published",
    'figures. Sources: **measured** (this run), **published** (the address), **assumed** (said why), **computed**.',
    '',
    ...table(
      ['figure', 'value', 'source'],
      [
        [
          'write units per transaction, all its consumers',
          `${n(transaction.wru, 2)} WRU`,
          measuredBy(transaction),
        ],
        ['read units per transaction', `${n(transaction.rru, 2)} RRU`, measuredBy(transaction)],
        ['DynamoDB calls per transaction', n(transaction.calls, 1), measuredBy(transaction)],
        [
          'units per performance registration',
          `${n(registration.wru, 2)} WRU, ${n(registration.rru, 2)} RRU`,
          measuredBy(registration),
        ],
        ['units per campaign SMS send', `${n(sms.wru, 2)} WRU, ${n(sms.rru, 2)} RRU`, measuredBy(sms)],
        [
          'units per month-close customer',
          `${n(closeCustomer.wru, 2)} WRU, ${n(closeCustomer.rru, 2)} RRU`,
          measuredBy(closeCustomer),
        ],
        [
          'partitions of the transactions table at peak',
          n(transactionsTable?.partitions ?? NaN),
          'computed: its peak units ÷ the partition limits',
        ],
        [
          'largest table at peak',
          `${out.tables[0]?.table}: ${n(out.tables[0]?.partitions ?? NaN)} partitions`,
          'computed (table below)',
        ],
        [
          'stream shards of the transactions table',
          n(out.transactionShards),
          'assumed: one open shard per partition',
        ],
        [
          'hot keys over one partition at peak',
          hot.length
            ? hot
                .map((k) => `${k.table} ${k.key} (${n(k.shardsNeeded)} shards)`)
                .slice(0, 3)
                .join('; ')
            : 'none',
          'computed (hot keys below)',
        ],
        [
          'Lambda concurrency at peak',
          `${n(out.concurrencyNeededAtPeak)} needed; ${n(out.totalConcurrencyAtPeak)} possible on the shards (account quota ${n(input.limits.accountConcurrency)})`,
          'computed (consumers below)',
        ],
        [
          'worst iterator age at the end of the peak',
          `${n(worst.iteratorAgeAtPeakSeconds)} s (${worst.consumer})`,
          'computed (consumers below)',
        ],
        [
          'month close: segments for 2 hours',
          `${n(out.closeSegmentsNeeded ?? NaN)} (at most ${n(out.closeSegmentsAvailable)} run at once today)`,
          'computed (month close below)',
        ],
        [
          'month close with the segments that can run today',
          `${n(closeAt10?.hours ?? NaN, 1)} h`,
          'computed (month close below)',
        ],
        [
          'DynamoDB requests a month, on demand',
          `$${n(out.monthly.usd)} (us-east-1), ¥${n(out.monthly.cny)} (cn-north-1)`,
          'computed (cost below)',
        ],
      ],
    ),
    '',
    '## Units per operation',
    '',
    'Billed units: standard writes by item size (1 KB a unit), reads by 4 KB (eventually consistent half),',
    `transactional items twice (${unitRules.write}; ${unitRules.read}).`,
    'DynamoDB Local answers 2 units for every TransactWriteItems whatever its items (checked with 2, 10, 25 and',
    '100 items: always 2), so those are **computed from item sizes** by scripts/capacity/meter.ts: a Put by its',
    'size, once for the table and once per global index holding it; an Update, Delete or ConditionCheck one',
    'unit (counters, claim markers and state items are under 1 KB). A failed conditional write answers no',
    'ConsumedCapacity: it counts one unit. Stream reads by Lambda triggers are not billed (DynamoDB Streams',
    'GetRecords invoked by Lambda is free, see the on-demand pricing page).',
    '',
  ];
  for (const op of [transaction, registration, sms, closeCustomer]) {
    lines.push(
      `### ${op.name} (${n(op.count)} measured: ${n(op.wru, 2)} WRU, ${n(op.rru, 2)} RRU, ${n(op.calls, 1)} calls, ${n(op.computedCalls, 2)} computed transactions each)`,
      '',
      ...table(
        ['consumer', 'WRU', 'RRU', 'calls'],
        op.byConsumer.map((c) => [c.consumer, n(c.wru, 2), n(c.rru, 2), n(c.calls, 1)]),
      ),
      '',
      ...table(
        ['table', 'WRU', 'RRU'],
        op.byTable.map((t) => [t.table, n(t.wru, 2), n(t.rru, 2)]),
      ),
      '',
    );
  }
  lines.push(
    '## Partitions at peak',
    '',
    `Transactions at ${n(input.load.peakTps)}/s, registrations and SMS at their daily average beside them; a partition`,
    `takes ${n(input.limits.partitionWcu)} WCU and ${n(input.limits.partitionRcu)} RCU a second (${limits.partitionWcu.source}).`,
    'Partitions for storage (one per 10 GB) come on top and are not counted here.',
    '',
    ...table(
      ['table', 'peak WRU/s', 'peak RRU/s', 'partitions', 'stream readers'],
      out.tables.map((t) => [
        t.table,
        n(t.peakWru),
        n(t.peakRru),
        n(t.partitions),
        String(input.readersByTable[t.table] ?? 0),
      ]),
    ),
    '',
    '## Hot keys',
    '',
    'Keys that many operations write or read (not one per customer), found by the meter in the measured run:',
    'units a second on that one key at peak = its items per transaction × units per item × peak transactions/s.',
    "The demo bank has few branches, so a branch key's share is an upper bound; head-office and per-day keys keep",
    "theirs in any bank. A key over one partition's limit needs write shards (as performance-aggregates has,",
    'OCRM_PERFORMANCE_ORG_SHARDS) or, for reads, the per-container cache of reference data.',
    '',
    ...table(
      ['table', 'key (as measured)', 'kind', 'peak units/s', 'shards needed', 'source'],
      out.hotKeys
        .slice(0, 20)
        .map((k) => [
          k.table,
          `\`${k.key}\``,
          k.kind,
          n(k.peakUnits),
          n(k.shardsNeeded),
          'measured share × peak; limit published',
        ]),
    ),
    '',
    '## Stream consumers of the transactions table',
    '',
    `A record keeps its consumer busy for its calls × ${n(input.assumptions.roundTripMs)} ms ÷ ${n(input.assumptions.recordsInFlightPerBatch)} record(s) in flight per batch;`,
    `a shard runs at most ${n(input.limits.maxParallelizationFactor)} batches at once (${limits.maxParallelizationFactor.source}).`,
    `Iterator age: after a ${n(input.load.peakMinutes)}-minute peak the oldest record waited peak × (1 − capacity ÷ arrivals), plus one batch.`,
    '',
    ...table(
      [
        'consumer',
        's per record',
        'concurrency at peak',
        'available (shards × 10)',
        'capacity tx/s',
        'iterator age at peak',
      ],
      out.consumers.map((c) => [
        c.consumer,
        n(c.secondsPerRecord, 3),
        n(c.concurrencyAtPeak),
        n(c.concurrencyAvailable),
        n(c.capacityTps),
        `${n(c.iteratorAgeAtPeakSeconds)} s`,
      ]),
    ),
    '',
    '## Month close',
    '',
    `A segment closes ${n(input.assumptions.closeConcurrencyPerSegment)} customers at once, each ${n(closeCustomer.calls, 1)} calls (measured) of ${n(input.assumptions.roundTripMs)} ms:`,
    `${n(out.closeSegmentRate)} customers/s a segment. Segments are tasks on the month-close task stream, one invocation`,
    `each, so at most shards × ${n(input.limits.maxParallelizationFactor)} = ${n(out.closeSegmentsAvailable)} run at once today.`,
    '',
    ...table(
      ['segments', 'hours for all customers'],
      out.closeBySegments.map((c) => [n(c.segments), n(c.hours, 2)]),
    ),
    '',
    '## Cost a month at on-demand prices (DynamoDB requests only; storage, Lambda and SMS not included)',
    '',
    ...table(
      ['what', 'a month', 'WRU each', 'RRU each', 'WRU a month'],
      out.monthly.lines.map((l) => [l.what, n(l.perMonth), n(l.wru, 2), n(l.rru, 2), n(l.perMonth * l.wru)]),
    ),
    '',
    `Total ${n(out.monthly.wru / 1e6)} million WRU and ${n(out.monthly.rru / 1e6)} million RRU: $${n(out.monthly.usd)} in us-east-1, ¥${n(out.monthly.cny)} in cn-north-1.`,
    '',
    '## Inputs and where they come from',
    '',
    ...table(
      ['input', 'value', 'source'],
      [
        ...Object.entries(defaultLoad).map(([k, v]) => [
          k,
          n((input.load as never)[k]),
          (v as Sourced<number>).source,
        ]),
        ...Object.entries(limits).map(([k, v]) => [
          k,
          n((input.limits as never)[k]),
          (v as Sourced<number>).source,
        ]),
        ...Object.entries(defaultAssumptions).map(([k, v]) => [
          k,
          n((input.assumptions as never)[k]),
          (v as Sourced<number>).source,
        ]),
        ...Object.entries(prices).map(([k, v]) => [
          k,
          n((input.prices as never)[k], 4),
          (v as Sourced<number>).source,
        ]),
      ],
    ),
    '',
  );
  return lines.join('\n');
};
