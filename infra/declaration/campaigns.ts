// Tables and functions of the campaigns capability (merged into the system declaration by index.ts).
import type { FunctionDeclaration, TableDeclaration } from './types.js';

export const campaignsTables: TableDeclaration[] = [];
export const campaignsFunctions: FunctionDeclaration[] = [];
