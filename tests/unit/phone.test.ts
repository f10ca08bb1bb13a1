import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskPhone, phoneProblem } from '#shared/validation/phone.js';

describe('phone numbers', () => {
  it('accepts every mainland mobile +861[3-9]XXXXXXXXX', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        expect(phoneProblem(`+861${second}${rest}`)).toBeUndefined();
      }),
    );
  });

  it('refuses +86 numbers that are not mobiles, and non-E.164 text', () => {
    for (const bad of [
      '+8612812345678',
      '+86138123456789',
      '+8610812345678',
      '+861381234567',
      '13812345678',
      '+0123456',
      '+86 138 1234 5678',
    ]) {
      expect(phoneProblem(bad), bad).toBeDefined();
    }
  });

  it('accepts other countries in E.164', () => {
    expect(phoneProblem('+85291234567')).toBeUndefined();
    expect(phoneProblem('+14155550123')).toBeUndefined();
  });

  it('masks the middle: the country code, three first and four last digits stay', () => {
    expect(maskPhone('+8613812345678')).toBe('+86138****5678');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (rest) => {
        const masked = maskPhone(`+8613${rest}`);
        expect(masked).toHaveLength(14);
        // exactly the middle four are hidden (a middle that repeats the last four must not fool the check)
        expect(masked).toBe(`+8613${rest[0]}****${rest.slice(5)}`);
      }),
    );
  });
});
