// The dead-letter port (shared/dead-letters/ports.ts) over the local runtime's dead-letter store: what
// GET /v1/dead-letters lists and POST /v1/dead-letters/{id}/replay replays, through the same replay
// path as POST /_local/dead-letters/{id}/replay. The runtime hands it to the handlers at start.
import type { DeadLetter, DeadLetterQueues } from '#shared/dead-letters/ports.js';
import type { DeadLetterSummary, LocalStreams } from './index.js';

const view = (letter: DeadLetterSummary): DeadLetter => ({
  id: letter.id,
  mapping: letter.mapping,
  consumer: letter.function,
  source: letter.table,
  condition: letter.condition,
  error: letter.reason.message,
  failedAt: letter.failedAt,
  recordCount: letter.batchSize,
  attempts: letter.attempts,
  replays: letter.replays,
  ...(letter.lastReplayAt ? { lastReplayAt: letter.lastReplayAt } : {}),
  ...(letter.lastReplayReason ? { lastReplayError: letter.lastReplayReason.message } : {}),
});

export const localDeadLetterQueues = (streams: Pick<LocalStreams, 'store' | 'replay'>): DeadLetterQueues => ({
  list: async () => (await streams.store.listDeadLetters()).map(view),
  get: async (id) => {
    const letter = await streams.store.getDeadLetter(id);
    return letter && view(letter);
  },
  replay: async (id) => {
    const outcome = await streams.replay(id);
    if (outcome.ok) return { ok: true };
    return {
      ok: false,
      error: outcome.reason?.message ?? (outcome.found ? 'the replay failed' : `no dead letter ${id}`),
      remaining: outcome.remaining ?? 0,
    };
  },
});
