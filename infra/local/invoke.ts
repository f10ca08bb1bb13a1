// Loads a declared function's handler in this process and invokes it as Lambda would: one event,
// a Lambda context, the handler's returned value (or its thrown error).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionDeclaration } from '#infra/declaration/types.js';
import { tableEnvName, withGrantedTables } from '#shared/adapters/tables.js';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export const repositoryRoot = join(import.meta.dirname, '..', '..');

const loaded = new Map<string, Promise<LambdaHandler>>();

export const loadHandler = (fn: Pick<FunctionDeclaration, 'entry' | 'name'>): Promise<LambdaHandler> => {
  let handler = loaded.get(fn.entry);
  if (!handler) {
    handler = import(pathToFileURL(join(repositoryRoot, fn.entry)).href).then(
      (module: { handler?: unknown }) => {
        if (typeof module.handler !== 'function') throw new Error(`${fn.entry} does not export a handler`);
        return module.handler as LambdaHandler;
      },
    );
    loaded.set(fn.entry, handler);
  }
  return handler;
};

export const lambdaContext = (
  fn: Pick<FunctionDeclaration, 'name' | 'memoryMb' | 'timeoutSeconds'>,
): Context => {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn.name}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/** The table variables a function's declaration grants, with the names the runtime set for them. */
export const grantedTables = (fn: Pick<FunctionDeclaration, 'tables'>): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.keys(fn.tables).map((id) => [tableEnvName(id), process.env[tableEnvName(id)]] as const),
  );

/**
 * Invokes with only the tables `fn` is granted in sight, as its Lambda would have: a handler reaching
 * another table fails here as it would in AWS. The handler module is loaded inside that scope too, so
 * table names a module reads when it loads are checked against the function that loads it first.
 */
export const invoke = (fn: FunctionDeclaration, event: unknown): Promise<unknown> =>
  withGrantedTables(grantedTables(fn), async () => {
    const handler = await loadHandler(fn);
    return handler(event, lambdaContext(fn));
  });
