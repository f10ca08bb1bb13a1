// Tables and functions of the workbench capability (merged into the system declaration by index.ts).
import type { FunctionDeclaration, TableDeclaration } from './types.js';

export const workbenchTables: TableDeclaration[] = [];
export const workbenchFunctions: FunctionDeclaration[] = [];
