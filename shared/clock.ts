// Time as the domain sees it. Domain code never reads time itself: it is handed `now` or a Clock
// (the running one is shared/adapters/clock.ts's systemClock). A business day is Asia/Shanghai's.

export interface Clock {
  now(): Date;
}

/** A clock that stands still until set: tests, what-if previews, replays. */
export const fixedClock = (at: string | Date): Clock & { set(at: string | Date): void } => {
  let current = new Date(at);
  return { now: () => new Date(current), set: (next) => (current = new Date(next)) };
};

/** Asia/Shanghai has no daylight saving: a business day is the UTC+8 calendar date. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const businessDateOf = (instant: Date): string =>
  new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
