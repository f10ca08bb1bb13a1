import { http } from '#shared/http/http.js';
import { listDeadLetters as route } from '#shared/dead-letters/api.js';
import { listDeadLetters } from '#shared/dead-letters/replay.js';
import { deadLetterQueues } from '#shared/dead-letters/deps.js';

export const handler = http(route, async ({ ctx }) => ({
  status: 200,
  body: { items: await listDeadLetters({ queues: deadLetterQueues() }, ctx) },
}));
