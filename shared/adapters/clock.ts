// The one clock. Domain code never reads time itself: it is handed `now` or a Clock.
// The local runtime's `--now ISO` starts the clock at that instant; it then runs.

export interface Clock {
  now(): Date;
}

export const systemClock = (env: NodeJS.ProcessEnv = process.env): Clock => {
  const start = env.OCRM_CLOCK_START;
  const startedAt = env.OCRM_CLOCK_STARTED_AT;
  if (!start) return { now: () => new Date() };
  const offset = Date.parse(start) - (startedAt ? Number(startedAt) : Date.now());
  return { now: () => new Date(Date.now() + offset) };
};

export const fixedClock = (at: string | Date): Clock & { set(at: string | Date): void } => {
  let current = new Date(at);
  return { now: () => new Date(current), set: (next) => (current = new Date(next)) };
};

/** Asia/Shanghai has no daylight saving: a business day is the UTC+8 calendar date. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const businessDateOf = (instant: Date): string =>
  new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
