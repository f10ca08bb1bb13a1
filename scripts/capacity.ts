// `npm run capacity [-- flags]`: measures capacity units per operation on DynamoDB Local (a local
// runtime with every stream consumer, scripts/capacity/measure.ts), runs the capacity model
// (scripts/capacity/model.ts) on them with the published limits and prices (scripts/capacity/sources.ts)
// and writes docs/capacity.md.
// Flags: --measured FILE   use a measurement saved before instead of measuring (quick model changes)
//        --save FILE       keep this run's measurement as JSON
//        --in-flight N     records of a batch a consumer works on at once (default 1: what the code does)
//        --round-trip-ms N one DynamoDB call from Lambda (default 10, assumed)
//        --out FILE        default docs/capacity.md
import { readFileSync, writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { join } from 'node:path';
import { system } from '#infra/declaration/index.js';
import { repositoryRoot } from '#infra/local/invoke.js';
import { measureCapacity, type Measured } from './capacity/measure.js';
import { capacityModel, type ModelInput } from './capacity/model.js';
import { defaultAssumptions, defaultLoad, limits, prices, valuesOf } from './capacity/sources.js';
import { renderCapacityDoc } from './capacity/doc.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const measuredFile = flag('--measured');
const measured: Measured = measuredFile
  ? (JSON.parse(readFileSync(measuredFile, 'utf8')) as Measured)
  : await measureCapacity({ log: (line) => console.log(line) });
const save = flag('--save');
if (save) writeFileSync(save, JSON.stringify(measured, null, 2));

const readersByTable: Record<string, number> = {};
for (const fn of system.functions)
  for (const stream of fn.streams ?? [])
    readersByTable[stream.table] = (readersByTable[stream.table] ?? 0) + 1;

const assumptions = valuesOf(defaultAssumptions);
if (flag('--in-flight')) assumptions.recordsInFlightPerBatch = Number(flag('--in-flight'));
if (flag('--round-trip-ms')) assumptions.roundTripMs = Number(flag('--round-trip-ms'));

const input: ModelInput = {
  load: valuesOf(defaultLoad),
  limits: valuesOf(limits),
  assumptions,
  prices: valuesOf(prices),
  ...measured.operations,
  readersByTable,
};
const out = flag('--out') ?? join(repositoryRoot, 'docs', 'capacity.md');
// formatted as `npm run lint` checks it
writeFileSync(
  out,
  await format(renderCapacityDoc(measured, input, capacityModel(input)), {
    parser: 'markdown',
    filepath: out,
  }),
);
console.log(`wrote ${out}`);
process.exit(0);
