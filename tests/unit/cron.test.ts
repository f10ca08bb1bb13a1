import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextFire, parseCron } from '#infra/local/cron.js';

const SHANGHAI = 8 * 3600_000;

describe('EventBridge cron in Asia/Shanghai', () => {
  it('fires month close at 00:30 Shanghai on the 1st (16:30 UTC the day before)', () => {
    const cron = parseCron('cron(30 0 1 * ? *)');
    expect(nextFire(cron, new Date('2026-11-29T07:00:00Z'))?.toISOString()).toBe('2026-11-30T16:30:00.000Z');
    expect(nextFire(cron, new Date('2026-11-30T16:30:00Z'))?.toISOString()).toBe('2026-12-31T16:30:00.000Z');
  });

  it('understands weekdays by name and number (1 = Sunday)', () => {
    const byName = parseCron('cron(0 9 ? * MON-FRI *)');
    const byNumber = parseCron('cron(0 9 ? * 2-6 *)');
    const saturday = new Date('2026-11-28T02:00:00Z'); // 10:00 Saturday in Shanghai
    expect(nextFire(byName, saturday)?.toISOString()).toBe('2026-11-30T01:00:00.000Z'); // Monday 09:00
    expect(nextFire(byNumber, saturday)).toEqual(nextFire(byName, saturday));
  });

  it('always returns the first matching minute strictly after the given instant (brute force)', () => {
    const cron = parseCron('cron(0/15 8-21 ? * MON,WED,FRI *)');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2027-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (after) => {
          const fire = nextFire(cron, after)!;
          const matches = (t: Date) => {
            const local = new Date(t.getTime() + SHANGHAI);
            return (
              local.getUTCMinutes() % 15 === 0 &&
              local.getUTCHours() >= 8 &&
              local.getUTCHours() <= 21 &&
              [1, 3, 5].includes(local.getUTCDay())
            );
          };
          expect(matches(fire)).toBe(true);
          expect(fire.getTime()).toBeGreaterThan(after.getTime());
          // no earlier whole minute between `after` and the fire time matches
          for (
            let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
            t < fire.getTime();
            t += 60_000
          ) {
            expect(matches(new Date(t))).toBe(false);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses what it cannot evaluate instead of misreading it', () => {
    expect(() => parseCron('cron(0 0 L * ? *)')).toThrow(/not supported/);
    expect(() => parseCron('cron(0 0 1 * 1 *)')).toThrow(/exactly one/);
    expect(() => parseCron('rate(5 minutes)')).toThrow(/not a cron/);
    expect(() => parseCron('cron(61 0 1 * ? *)')).toThrow(/outside/);
  });
});
