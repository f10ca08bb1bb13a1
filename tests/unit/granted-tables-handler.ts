// A handler for granted-tables.test.ts: answers with the physical name of the table it is asked for.
import { tableName } from '#shared/adapters/tables.js';

export const handler = async (event: { table: string }) => tableName(event.table);
