// The running clock. The local runtime's `--now ISO` starts the clock at that instant; it then runs.
import type { Clock } from '#shared/clock.js';

export const systemClock = (env: NodeJS.ProcessEnv = process.env): Clock => {
  const start = env.OCRM_CLOCK_START;
  const startedAt = env.OCRM_CLOCK_STARTED_AT;
  if (!start) return { now: () => new Date() };
  const offset = Date.parse(start) - (startedAt ? Number(startedAt) : Date.now());
  return { now: () => new Date(Date.now() + offset) };
};
