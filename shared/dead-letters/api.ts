// HTTP contracts for dead letters (死信): the batches the stream consumers gave up on, and their replay.
// Operations data of the whole system: an administrator at the head office reads and replays them.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';

export const DeadLetterId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'is not a dead-letter id');

export const DeadLetterView = z.object({
  id: z.string(),
  mapping: z.string(),
  consumer: z.string(),
  source: z.string(),
  condition: z.string(),
  error: z.string(),
  failedAt: z.string(),
  recordCount: z.number().int(),
  attempts: z.number().int(),
  replays: z.number().int(),
  lastReplayAt: z.string().optional(),
  lastReplayError: z.string().optional(),
});

export const ReplayView = z.object({
  deadLetterId: z.string(),
  attempt: z.number().int(),
  outcome: z.enum(['replayed', 'failed']),
  error: z.string().optional(),
  remaining: z.number().int().optional(),
});

export const listDeadLetters = defineRoute({
  method: 'GET',
  path: '/v1/dead-letters',
  summary: 'The batches the stream consumers gave up on, oldest first (head-office administrators)',
  auth: 'jwt',
  roles: ['admin'],
  response: z.object({ items: z.array(DeadLetterView) }),
});

export const replayDeadLetter = defineRoute({
  method: 'POST',
  path: '/v1/dead-letters/{deadLetterId}/replay',
  summary:
    'Runs a dead letter’s batch through its consumer again, once (a second request for the same attempt is 409); audited',
  auth: 'jwt',
  roles: ['admin'],
  params: z.object({ deadLetterId: DeadLetterId }),
  response: ReplayView,
});
