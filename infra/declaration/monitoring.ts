// Tables and functions of the monitoring capability (merged into the system declaration by index.ts).
import type { FunctionDeclaration, TableDeclaration } from './types.js';

export const monitoringTables: TableDeclaration[] = [];
export const monitoringFunctions: FunctionDeclaration[] = [];
