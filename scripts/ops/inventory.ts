// What a deployed OCRM stack holds, in the declaration's words: each declared function's Lambda, each
// stream mapping (`function@table`, as the local runtime names it) with its dead-letter queue, the
// other dead-letter queues (schedules, async failures) and each declared table's physical name.
// Read from CloudFormation: the templates' `aws:cdk:path` metadata (which `cdk deploy` writes) says
// which construct a resource is; the stack resources say its physical id. Pure: cloud.ts fetches.
import type { SystemDeclaration } from '#infra/declaration/types.js';

/** One CloudFormation stack, the root or a nested one, as fetched. */
export interface StackPart {
  stackName: string;
  /** Logical id → physical id and type (ListStackResources). */
  resources: { logicalId: string; physicalId: string; type: string }[];
  /** The stack's template, for the resources' construct paths. */
  template: { Resources?: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };
}

export interface DeployedFunction {
  name: string;
  capability: string;
  physicalName: string;
}

export interface DeployedQueue {
  /** `function/ConstructId`, e.g. `tiering-on-transaction/TransactionsStreamDeadLetters`. */
  name: string;
  function: string;
  /** The stream mapping it holds the failed batches of; absent for schedule and async-failure queues. */
  mapping?: string;
  url: string;
}

export interface DeployedMapping {
  /** `function@table` (`#2` for a function's second mapping on the same table). */
  name: string;
  function: string;
  table: string;
  uuid: string;
  deadLetters?: DeployedQueue;
}

export interface Inventory {
  stackName: string;
  outputs: Record<string, string>;
  functions: DeployedFunction[];
  mappings: DeployedMapping[];
  queues: DeployedQueue[];
  /** Declared table id → physical name. */
  tables: Record<string, string>;
  /** Resources whose construct path was not in the template (a stack deployed without path metadata). */
  unplaced: number;
}

/** `customer-activity` → `CustomerActivity`, as the stack names constructs (infra/constructs/triggers.ts). */
export const pascal = (text: string) =>
  text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_match, _sep: string, c: string) => c.toUpperCase());

/**
 * A function's stream mappings as the stack builds their construct ids (`CustomersStream`,
 * `CustomersStream2`, …), each with the name the local runtime gives it (`fn@customers`, `fn@customers#2`).
 */
export const mappingIds = (
  system: SystemDeclaration,
): Map<string, { function: string; table: string; name: string }> => {
  const byKey = new Map<string, { function: string; table: string; name: string }>();
  for (const fn of system.functions) {
    const ids = new Set<string>();
    const perTable = new Map<string, number>();
    for (const trigger of fn.streams ?? []) {
      let id = `${pascal(trigger.table)}Stream`;
      for (let n = 2; ids.has(id); n++) id = `${pascal(trigger.table)}Stream${n}`;
      ids.add(id);
      const count = (perTable.get(trigger.table) ?? 0) + 1;
      perTable.set(trigger.table, count);
      const base = `${fn.name}@${trigger.table}`;
      byKey.set(`${fn.name}/${id}`, {
        function: fn.name,
        table: trigger.table,
        name: count === 1 ? base : `${base}#${count}`,
      });
    }
  }
  return byKey;
};

const pathOf = (part: StackPart, logicalId: string): string[] | undefined => {
  const path = part.template.Resources?.[logicalId]?.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path.split('/') : undefined;
};

export const buildInventory = (
  stackName: string,
  outputs: Record<string, string>,
  parts: StackPart[],
  system: SystemDeclaration,
): Inventory => {
  const declared = new Map(system.functions.map((fn) => [fn.name, fn]));
  const mappingsByKey = mappingIds(system);
  const functions: DeployedFunction[] = [];
  const queues: DeployedQueue[] = [];
  const mappingResources: { fn: string; id: string; uuid: string }[] = [];
  let unplaced = 0;
  for (const part of parts) {
    for (const resource of part.resources) {
      const watched = [
        'AWS::Lambda::Function',
        'AWS::Lambda::EventSourceMapping',
        'AWS::SQS::Queue',
      ].includes(resource.type);
      if (!watched) continue;
      const path = pathOf(part, resource.logicalId);
      if (!path) {
        unplaced++;
        continue;
      }
      // …/<function>/<construct>/Resource
      const [fn, construct, last] = path.slice(-3);
      if (!fn || !construct || last !== 'Resource' || !declared.has(fn)) continue;
      if (resource.type === 'AWS::Lambda::Function' && construct === 'Handler') {
        functions.push({
          name: fn,
          capability: declared.get(fn)?.capability ?? 'platform',
          physicalName: resource.physicalId,
        });
      } else if (resource.type === 'AWS::Lambda::EventSourceMapping') {
        mappingResources.push({ fn, id: construct, uuid: resource.physicalId });
      } else if (resource.type === 'AWS::SQS::Queue') {
        const mappingId = construct.endsWith('DeadLetters') ? construct.slice(0, -'DeadLetters'.length) : '';
        const mapping = mappingsByKey.get(`${fn}/${mappingId}`)?.name;
        queues.push({
          name: `${fn}/${construct}`,
          function: fn,
          ...(mapping ? { mapping } : {}),
          url: resource.physicalId,
        });
      }
    }
  }
  const mappings = mappingResources.map(({ fn, id, uuid }): DeployedMapping => {
    const known = mappingsByKey.get(`${fn}/${id}`);
    const name = known?.name ?? `${fn}@${id}`;
    const deadLetters = queues.find((queue) => queue.mapping === name);
    return {
      name,
      function: fn,
      table: known?.table ?? id,
      uuid,
      ...(deadLetters ? { deadLetters } : {}),
    };
  });
  const tables: Record<string, string> = {};
  for (const table of system.tables) {
    const physical = outputs[`Table${pascal(table.id)}`];
    if (physical) tables[table.id] = physical;
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    stackName,
    outputs,
    functions: functions.sort(byName),
    mappings: mappings.sort(byName),
    queues: queues.sort(byName),
    tables,
    unplaced,
  };
};

/** The physical name of a declared table, or a clear error naming the output that is missing. */
export const tableOf = (inventory: Inventory, tableId: string): string => {
  const name = inventory.tables[tableId];
  if (!name) throw new Error(`stack ${inventory.stackName} has no output Table${pascal(tableId)}`);
  return name;
};

export const functionOf = (inventory: Inventory, name: string): DeployedFunction => {
  const fn = inventory.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`stack ${inventory.stackName} has no function ${name}`);
  return fn;
};

export const mappingOf = (inventory: Inventory, name: string): DeployedMapping => {
  const mapping = inventory.mappings.find((m) => m.name === name);
  if (!mapping) {
    const known = inventory.mappings.map((m) => m.name).join(', ') || 'none';
    throw new Error(`stack ${inventory.stackName} has no stream mapping ${name} (it has: ${known})`);
  }
  return mapping;
};
