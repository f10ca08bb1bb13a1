// The system declaration: the platform's tables and functions plus each capability's own file.
import type { SystemDeclaration } from './types.js';
import { tables } from './tables.js';
import { functions } from './functions.js';
import { tieringFunctions, tieringTables } from './tiering.js';
import { monitoringFunctions, monitoringTables } from './monitoring.js';
import { campaignsFunctions, campaignsTables } from './campaigns.js';
import { performanceFunctions, performanceTables } from './performance.js';
import { workbenchFunctions, workbenchTables } from './workbench.js';

export const system: SystemDeclaration = {
  tables: [
    ...tables,
    ...tieringTables,
    ...monitoringTables,
    ...campaignsTables,
    ...performanceTables,
    ...workbenchTables,
  ],
  functions: [
    ...functions,
    ...tieringFunctions,
    ...monitoringFunctions,
    ...campaignsFunctions,
    ...performanceFunctions,
    ...workbenchFunctions,
  ],
};
export * from './types.js';
