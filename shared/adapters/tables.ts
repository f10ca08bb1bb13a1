// Physical table names reach a function through env vars set by CDK (or by the local runtime).
// On Lambda a function's environment holds only the tables its declaration grants. The local runtime
// runs every function in one process, so it scopes each invocation to its grants (`withGrantedTables`):
// inside one, `tableName` sees only those variables and fails for any other table, as it would in AWS.
import { AsyncLocalStorage } from 'node:async_hooks';

/** The env var through which a function learns a table's physical name. */
export const tableEnvName = (tableId: string): string =>
  `OCRM_TABLE_${tableId.toUpperCase().replace(/-/g, '_')}`;

const granted = new AsyncLocalStorage<NodeJS.ProcessEnv>();

/** Runs `work` (and everything it starts) seeing only these table variables, not the process's. */
export const withGrantedTables = <T>(tables: NodeJS.ProcessEnv, work: () => T): T =>
  granted.run(tables, work);

/** The table variables the current function sees: its grants inside a local invocation, else the environment. */
const tableEnv = (): NodeJS.ProcessEnv => granted.getStore() ?? process.env;

/** Whether the current function is given this table (an env var holds its name). */
export const tableConfigured = (tableId: string): boolean => Boolean(tableEnv()[tableEnvName(tableId)]);

export const tableName = (tableId: string, env: NodeJS.ProcessEnv = tableEnv()): string => {
  const name = env[tableEnvName(tableId)];
  if (!name) throw new Error(`${tableEnvName(tableId)} is not set: is the table granted to this function?`);
  return name;
};
