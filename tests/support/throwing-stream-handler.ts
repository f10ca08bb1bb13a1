// The counting handler as a function that does not report partial batch failures: when any record
// fails, the whole invocation throws (so the event source mapping bisects or retries the batch).
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { handler as counting } from './counting-stream-handler.js';

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<void> => {
  const { batchItemFailures } = await counting(event, context);
  if (batchItemFailures.length > 0)
    throw new Error(`${batchItemFailures.length} of ${event.Records.length} records failed`);
};
