// Tables and functions of the tiering capability (merged into the system declaration by index.ts).
import type { FunctionDeclaration, TableDeclaration } from './types.js';

export const tieringTables: TableDeclaration[] = [];
export const tieringFunctions: FunctionDeclaration[] = [];
