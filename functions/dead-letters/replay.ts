import { http } from '#shared/http/http.js';
import { replayDeadLetter as route } from '#shared/dead-letters/api.js';
import { replayDeadLetter } from '#shared/dead-letters/replay.js';
import { deadLetterQueues } from '#shared/dead-letters/deps.js';
import { dynamoReplayClaims } from '#shared/dead-letters/dynamo-replay-claims.js';

const claims = dynamoReplayClaims();

export const handler = http(route, async ({ params, ctx }) => ({
  status: 200,
  body: await replayDeadLetter({ queues: deadLetterQueues(), claims }, ctx, params.deadLetterId),
}));
