// Physical table names reach a function through env vars set by CDK (or by the local runtime).

/** The env var through which a function learns a table's physical name. */
export const tableEnvName = (tableId: string): string =>
  `OCRM_TABLE_${tableId.toUpperCase().replace(/-/g, '_')}`;

export const tableName = (tableId: string, env: NodeJS.ProcessEnv = process.env): string => {
  const name = env[tableEnvName(tableId)];
  if (!name) throw new Error(`${tableEnvName(tableId)} is not set: is the table granted to this function?`);
  return name;
};
