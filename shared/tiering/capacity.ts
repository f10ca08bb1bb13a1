// Capacity the tiering stores consumed, as DynamoDB reports it (ReturnConsumedCapacity: TOTAL).
// A process-wide tally the benchmark reads to print write units per transaction; in AWS the same
// figures are in each function's logs at debug level and in the table's CloudWatch metrics.

/** The part of DynamoDB's ConsumedCapacity this tally reads (structural: no AWS import here). */
interface ConsumedCapacity {
  CapacityUnits?: number;
}

export interface CapacityTally {
  readUnits: number;
  writeUnits: number;
  /** The part of writeUnits written by TransactWriteItems, which DynamoDB bills at twice the units. */
  transactionalWriteUnits: number;
  reads: number;
  writes: number;
}

const tally: CapacityTally = { readUnits: 0, writeUnits: 0, transactionalWriteUnits: 0, reads: 0, writes: 0 };

const units = (consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number =>
  (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
    (sum, c) => sum + (c.CapacityUnits ?? 0),
    0,
  );

export const recordRead = (consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): void => {
  tally.readUnits += units(consumed);
  tally.reads += 1;
};

export const recordWrite = (
  consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
  options: { transactional?: boolean } = {},
): void => {
  tally.writeUnits += units(consumed);
  if (options.transactional) tally.transactionalWriteUnits += units(consumed);
  tally.writes += 1;
};

export const capacityTally = (): CapacityTally => ({ ...tally });

export const resetCapacityTally = (): void => {
  tally.readUnits = tally.writeUnits = tally.transactionalWriteUnits = tally.reads = tally.writes = 0;
};
