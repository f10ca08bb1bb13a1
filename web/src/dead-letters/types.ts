// The dead-letter screen's types, from the zod contracts (types only).
import type * as z from 'zod';
import type { DeadLetterView, ReplayView } from '#shared/dead-letters/api.js';

export type DeadLetter = z.output<typeof DeadLetterView>;
export type Replay = z.output<typeof ReplayView>;
