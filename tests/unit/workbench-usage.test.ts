// Usage counting is a function of the marks: one login per sign-in however many requests it makes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { usageMark, usageOf } from '#shared/usage/session.js';

const rm = { staffId: 'rm-1', orgPath: '/HO/BJ/' };

describe('usage marks', () => {
  it('one token is one login, however many requests and days it spans', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 * 3600 }), { minLength: 1, maxLength: 50 }),
        (offsets) => {
          const iat = Date.parse('2026-11-20T01:00:00Z') / 1000;
          const marks = offsets.map((s) => usageMark(rm, { iat: String(iat) }, new Date((iat + s) * 1000)));
          expect(usageOf(marks, '2026-11').logins).toBe(1);
          expect(new Set(marks.map((m) => m.key)).size).toBe(new Set(marks.map((m) => m.day)).size);
        },
      ),
    );
  });

  it('counts distinct sign-ins and distinct business days (Asia/Shanghai)', () => {
    const at = (iso: string) => new Date(iso);
    const marks = [
      usageMark(rm, { iat: 1_795_000_000 }, at('2026-11-20T01:00:00Z')),
      usageMark(rm, { iat: 1_795_000_000 }, at('2026-11-20T17:00:00Z')), // 01:00 next day in Shanghai
      usageMark(rm, { iat: 1_795_100_000 }, at('2026-11-21T03:00:00Z')),
      usageMark(rm, { auth_time: 1_795_100_000, iat: 1_795_200_000 }, at('2026-11-21T04:00:00Z')),
    ];
    expect(usageOf(marks, '2026-11')).toEqual({ logins: 2, activeDays: 2 });
    expect(usageOf(marks, '2026-12')).toEqual({ logins: 0, activeDays: 0 });
  });

  it('a session carried into a new month is a day of use there, not a new login', () => {
    const iat = Date.parse('2026-11-30T15:00:00Z') / 1000; // 23:00 on 30 Nov in Shanghai
    const mark = usageMark(rm, { iat }, new Date('2026-11-30T17:00:00Z'));
    expect(mark.day).toBe('2026-12-01');
    expect(usageOf([mark], '2026-12')).toEqual({ logins: 0, activeDays: 1 });
  });
});
