// The system declaration: the platform's tables and functions plus each capability's own file.
import type { FunctionDeclaration, SystemDeclaration } from './types.js';
import { tables } from './tables.js';
import { functions } from './functions.js';
import { tieringFunctions, tieringTables } from './tiering.js';
import { monitoringFunctions, monitoringTables } from './monitoring.js';
import { campaignsFunctions, campaignsTables } from './campaigns.js';
import { performanceFunctions, performanceTables } from './performance.js';
import { workbenchFunctions, workbenchTables } from './workbench.js';
import { auditFunctions } from './audit.js';
import { graphFunctions, graphTables } from './graph.js';

/** Marks a capability's functions with its name: they deploy together, in one nested stack. */
const capability = (name: string, functions: FunctionDeclaration[]): FunctionDeclaration[] =>
  functions.map((fn) => ({ capability: name, ...fn }));

export const system: SystemDeclaration = {
  tables: [
    ...tables,
    ...tieringTables,
    ...monitoringTables,
    ...campaignsTables,
    ...performanceTables,
    ...workbenchTables,
    ...graphTables,
  ],
  functions: [
    ...capability('platform', functions),
    ...capability('tiering', tieringFunctions),
    ...capability('monitoring', monitoringFunctions),
    ...capability('campaigns', campaignsFunctions),
    ...capability('performance', performanceFunctions),
    ...capability('workbench', workbenchFunctions),
    ...capability('audit', auditFunctions),
    ...capability('graph', graphFunctions),
  ],
};
export * from './types.js';
