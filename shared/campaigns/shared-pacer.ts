// One pacer shared by every worker of every dispatch run: slots come from the slot log in DynamoDB.
// Here the takers queue up and whoever is waiting when the log is free is planned in one conditional
// write. It also learns how long a claim takes, so a claim is started that much before its slot.
import type { DispatchCounters } from './ports.js';
import { emptyPacer, planSlots, type PacerConfig } from './pacer.js';
import type { Timer } from './dispatch-context.js';

const PACER_KEY = 'marketing';

export type SharedPacer = ReturnType<typeof sharedPacer>;

export const sharedPacer = (
  counters: Pick<DispatchCounters, 'pacer' | 'savePacer'>,
  config: PacerConfig,
  timer: Timer,
) => {
  const waiting: { parts: number; resolve: (slot: number) => void; reject: (error: unknown) => void }[] = [];
  let busy = false;
  // slots are planned this far ahead, so a slot is still ahead when its conditional write comes back
  let leadMs = 50;
  const drain = async () => {
    if (busy) return;
    busy = true;
    try {
      while (waiting.length) {
        const group = waiting.splice(0, waiting.length);
        try {
          for (;;) {
            const began = timer.now();
            const { version, state } = await counters.pacer(PACER_KEY);
            const planned = planSlots(
              state ?? emptyPacer(),
              timer.now() + leadMs,
              group.map((g) => g.parts),
              config,
            );
            const saved = await counters.savePacer(PACER_KEY, planned.state, version);
            leadMs = Math.min(2000, Math.max(20, 2 * (timer.now() - began)));
            if (saved) {
              group.forEach((g, i) => g.resolve(planned.slots[i]!));
              break;
            }
          }
        } catch (error) {
          group.forEach((g) => g.reject(error));
        }
      }
    } finally {
      busy = false;
    }
  };
  // how long a claim takes (a moving average): it is started that much before its slot
  let claimMs = 20;
  return {
    claimLeadMs: () => Math.ceil(claimMs),
    claimTook: (ms: number) => {
      claimMs = Math.min(1000, Math.max(1, 0.8 * claimMs + 0.2 * ms));
    },
    take: (parts: number): Promise<number> =>
      new Promise<number>((resolve, reject) => {
        waiting.push({ parts, resolve, reject });
        void drain();
      }),
  };
};
