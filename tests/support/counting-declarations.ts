// The declarations the stream-poller and dead-letter tests run the counting consumer
// (counting-stream-handler.ts) with: a source table with a stream, the effects table, the function.
import type { FunctionDeclaration, TableAccess, TableDeclaration } from '#infra/declaration/types.js';
import { EFFECTS_TABLE } from './counting-stream-handler.js';

export const streamSourceTable = (id: string): TableDeclaration => ({
  id,
  partitionKey: { name: 'pk', type: 'S' },
  stream: 'NEW_AND_OLD_IMAGES',
});

export const effectsTable: TableDeclaration = { id: EFFECTS_TABLE, partitionKey: { name: 'pk', type: 'S' } };

export const countingConsumer = (
  name = 'counting-stream',
  tables: Record<string, TableAccess> = { [EFFECTS_TABLE]: 'read-write' },
): FunctionDeclaration => ({
  name,
  entry: 'tests/support/counting-stream-handler.ts',
  memoryMb: 256,
  timeoutSeconds: 30,
  tables,
});
