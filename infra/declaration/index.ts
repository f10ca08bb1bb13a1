import type { SystemDeclaration } from './types.js';
import { tables } from './tables.js';
import { functions } from './functions.js';

export const system: SystemDeclaration = { tables, functions };
export * from './types.js';
