// Invoking a deployed function synchronously, as a stream mapping or an operator does: the answer is
// the handler's, and an unhandled error in the handler is thrown here with its name and message.
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** Invokes the function synchronously, as the mapping does; a function error is thrown. */
export const invokeWith = (lambda: LambdaClient, functionName: string) => async (event: unknown) => {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  const payload: unknown = text ? JSON.parse(text) : null;
  if (out.FunctionError) {
    const failure = (payload ?? {}) as { errorType?: string; errorMessage?: string };
    const error = new Error(failure.errorMessage ?? out.FunctionError);
    error.name = failure.errorType ?? out.FunctionError;
    throw error;
  }
  return payload;
};
