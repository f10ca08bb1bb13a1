// The process-wide clock handlers use follows `--now` (the runtime's env) when read, not when imported:
// a handler module loaded before the runtime started still runs on the runtime's clock.
import { afterEach, describe, expect, it } from 'vitest';
import { clock } from '#shared/adapters/runtime.js';

const saved = { start: process.env.OCRM_CLOCK_START, startedAt: process.env.OCRM_CLOCK_STARTED_AT };
afterEach(() => {
  for (const [name, value] of [
    ['OCRM_CLOCK_START', saved.start],
    ['OCRM_CLOCK_STARTED_AT', saved.startedAt],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the process-wide clock', () => {
  it('follows a --now set after it was imported, and a later one, and none', () => {
    delete process.env.OCRM_CLOCK_START;
    delete process.env.OCRM_CLOCK_STARTED_AT;
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(60_000);

    process.env.OCRM_CLOCK_START = '2026-12-10T04:00:00.000Z';
    process.env.OCRM_CLOCK_STARTED_AT = String(Date.now());
    const first = clock.now().getTime();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-12-10T04:00:00.000Z'));
    expect(first).toBeLessThan(Date.parse('2026-12-10T04:01:00.000Z'));
    // it runs on from there
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(first);

    process.env.OCRM_CLOCK_START = '2030-01-01T00:00:00.000Z';
    expect(clock.now().toISOString().slice(0, 4)).toBe('2030');

    delete process.env.OCRM_CLOCK_START;
    delete process.env.OCRM_CLOCK_STARTED_AT;
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });
});
