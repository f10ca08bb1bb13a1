// Tables and functions of the performance capability (merged into the system declaration by index.ts).
import type { FunctionDeclaration, TableDeclaration } from './types.js';

export const performanceTables: TableDeclaration[] = [];
export const performanceFunctions: FunctionDeclaration[] = [];
