// Counts usage from the request path: one idempotent Put per staff member, day and login, and none
// at all for a mark this container wrote already. It never fails or slows a request beyond that Put:
// an error (or a function not granted the `usage` table) is logged and forgotten.
import { logger } from '#shared/logging/logger.js';
import type { Caller } from '#shared/auth/caller.js';
import { usageMark, type Claims } from './session.js';
import type { UsageStore } from './ports.js';

const MAX_REMEMBERED = 10_000;

export type UsageRecorder = (caller: Caller, claims: Claims) => Promise<void>;

export const usageRecorder = (store: () => UsageStore, now: () => Date): UsageRecorder => {
  const written = new Set<string>();
  return async (caller, claims) => {
    try {
      if (caller.role === 'integration') return; // systems are not people using the workbench
      const mark = usageMark(caller, claims, now());
      const id = `${mark.staffId}|${mark.key}`;
      if (written.has(id)) return;
      await store().mark(mark);
      if (written.size >= MAX_REMEMBERED) written.clear();
      written.add(id);
    } catch (error) {
      logger.warn('usage not recorded', { error: error as Error });
    }
  };
};
