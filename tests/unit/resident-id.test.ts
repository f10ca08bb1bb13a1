import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  maskResidentId,
  residentIdCheckCharacter,
  residentIdProblem,
} from '#shared/validation/resident-id.js';

// An independent ISO 7064 MOD 11-2 model: the check character c makes Σ aᵢ·2^(17−i) + c ≡ 1 (mod 11).
const modelCheck = (first17: string): string => {
  for (const c of '0123456789X') {
    const value = c === 'X' ? 10 : Number(c);
    let sum = value;
    for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
    if (sum % 11 === 1) return c;
  }
  throw new Error('no check character');
};

const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
const first17 = fc
  .tuple(fc.stringMatching(/^[1-6]\d{5}$/), birthDate, fc.stringMatching(/^\d{3}$/))
  .map(([area, birth, seq]) => area + birth + seq);

describe('resident ID (居民身份证号码)', () => {
  it('computes the check character as ISO 7064 MOD 11-2 does', () => {
    fc.assert(
      fc.property(first17, (id17) => {
        expect(residentIdCheckCharacter(id17)).toBe(modelCheck(id17));
      }),
    );
  });

  it('accepts an id with the right check character and refuses every other one', () => {
    fc.assert(
      fc.property(first17, fc.constantFrom(...'0123456789X'), (id17, check) => {
        const valid = check === modelCheck(id17);
        expect(residentIdProblem(id17 + check) === undefined).toBe(valid);
      }),
    );
  });

  it('knows a published example: 11010519491231002X', () => {
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
    expect(residentIdProblem('110105194912310021')).toMatch(/check digit/);
  });

  it('refuses impossible birth dates and wrong shapes', () => {
    const withDate = (date: string) => {
      const id17 = `110105${date}123`;
      return id17 + modelCheck(id17);
    };
    expect(residentIdProblem(withDate('19900230'))).toMatch(/birth date/);
    expect(residentIdProblem(withDate('18991231'))).toMatch(/birth date/);
    expect(residentIdProblem('11010519491231002x')).toMatch(/18 characters/);
    expect(residentIdProblem('1101051949123100')).toMatch(/18 characters/);
  });

  it('masks all but the area code and the last four', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});
