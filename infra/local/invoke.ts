// Loads a declared function's handler in this process and invokes it as Lambda would: one event,
// a Lambda context, the handler's returned value (or its thrown error).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionDeclaration } from '#infra/declaration/types.js';

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

export const invoke = async (fn: FunctionDeclaration, event: unknown): Promise<unknown> => {
  const handler = await loadHandler(fn);
  return handler(event, lambdaContext(fn));
};
