// The local runtime hands each invocation only the tables its declaration grants, as Lambda does with
// its environment: a handler reaching an undeclared table fails locally exactly as it would in AWS.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FunctionDeclaration } from '#infra/declaration/types.js';
import { invoke } from '#infra/local/invoke.js';
import { tableConfigured, tableEnvName, tableName } from '#shared/adapters/tables.js';

const fn: FunctionDeclaration = {
  name: 'granted-tables',
  entry: 'tests/unit/granted-tables-handler.ts',
  memoryMb: 128,
  timeoutSeconds: 5,
  tables: { customers: 'read' },
};

describe('tables granted per local invocation', () => {
  beforeEach(() => {
    process.env[tableEnvName('customers')] = 'ocrm-customers';
    process.env[tableEnvName('alerts')] = 'ocrm-alerts';
  });
  afterEach(() => {
    delete process.env[tableEnvName('customers')];
    delete process.env[tableEnvName('alerts')];
  });

  it('gives a handler the tables its declaration grants', async () => {
    await expect(invoke(fn, { table: 'customers' })).resolves.toBe('ocrm-customers');
  });

  it('fails a handler that reaches a table its declaration does not grant, though the process has it', async () => {
    await expect(invoke(fn, { table: 'alerts' })).rejects.toThrow(
      'OCRM_TABLE_ALERTS is not set: is the table granted to this function?',
    );
    // outside an invocation (a test, a script) the process environment still answers
    expect(tableName('alerts')).toBe('ocrm-alerts');
    expect(tableConfigured('alerts')).toBe(true);
  });
});
