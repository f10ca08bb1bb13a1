// Pacing (限速): marketing SMS go out at a configured rate of message parts per second and never
// above it in any 1-second window, however many workers send. Slots are planned on a shared,
// sliding log of what was planned in the last second plus a margin, and a worker that is later than
// the margin for its slot gives the slot up and plans again: so even the real publish times, which
// lag their slots by up to the margin, stay under the rate in every rolling second. That window
// check alone keeps the promise; the slots are spaced at 1/rate within it (spacing by the widened
// window as well would pay the margin twice). Pure.

export interface PacerState {
  /** [slot ms, parts] planned in the last window, oldest first. */
  log: [number, number][];
  /** Earliest next slot: the last slot plus its parts' spacing. */
  nextMs: number;
}

export interface PacerConfig {
  /** Parts per second. */
  rate: number;
  /** How late a publish may be for its slot; the plan keeps 1 s + margin windows under the rate. */
  marginMs: number;
}

export const emptyPacer = (): PacerState => ({ log: [], nextMs: 0 });

/** Plans one slot per message (given its parts) from `nowMs` on; returns the slots and the new state. */
export const planSlots = (
  state: PacerState,
  nowMs: number,
  parts: number[],
  config: PacerConfig,
): { slots: number[]; state: PacerState } => {
  const window = 1000 + config.marginMs;
  const spacing = 1000 / config.rate;
  const log = state.log.filter(([at]) => at > nowMs - window);
  let next = Math.max(state.nextMs, nowMs);
  const slots: number[] = [];
  for (const p of parts) {
    const size = Math.min(p, config.rate);
    let at = Math.ceil(next);
    // the sliding window ending at this slot must hold this message too
    for (;;) {
      const inWindow = log.filter(([t]) => t > at - window);
      const used = inWindow.reduce((sum, [, n]) => sum + n, 0);
      if (used + size <= config.rate) break;
      // wait until enough of the oldest planned parts leave the window
      let excess = used + size - config.rate;
      let leave = at;
      for (const [t, n] of inWindow) {
        excess -= n;
        leave = t + window;
        if (excess <= 0) break;
      }
      at = Math.max(at + 1, Math.ceil(leave));
    }
    slots.push(at);
    log.push([at, size]);
    next = at + size * spacing;
  }
  return { slots, state: { log: log.filter(([t]) => t > next - window - 1), nextMs: next } };
};

export const pacerConfig = (env: NodeJS.ProcessEnv = process.env): PacerConfig => ({
  rate: Number(env.OCRM_SMS_RATE_PARTS_PER_SECOND) > 0 ? Number(env.OCRM_SMS_RATE_PARTS_PER_SECOND) : 20,
  marginMs:
    Number(env.OCRM_SMS_PACER_MARGIN_MS) >= 0 && env.OCRM_SMS_PACER_MARGIN_MS
      ? Number(env.OCRM_SMS_PACER_MARGIN_MS)
      : 40,
});
