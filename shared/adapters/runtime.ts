// The process-wide clock and id generator handlers use (one of each, per container).
// The clock follows the environment (`OCRM_CLOCK_START`/`OCRM_CLOCK_STARTED_AT`, set by the local
// runtime's `--now`) when it is read, not when this module is imported: a module loaded before the
// runtime started (a test's static import) still sees `--now`, and a runtime started later in the
// same process with another `--now` (or none) is followed too.
import { systemClock } from './clock.js';
import { type Clock } from '#shared/clock.js';
import { ulidGenerator } from './ids.js';

let current: { start?: string; startedAt?: string; clock: Clock } | undefined;

export const clock: Clock = {
  now: () => {
    const { OCRM_CLOCK_START: start, OCRM_CLOCK_STARTED_AT: startedAt } = process.env;
    if (!current || current.start !== start || current.startedAt !== startedAt)
      current = { start, startedAt, clock: systemClock() };
    return current.clock.now();
  },
};
export const ids = ulidGenerator(() => clock.now().getTime());
