import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ulidGenerator } from '#shared/adapters/ids.js';

describe('ULID ids', () => {
  it('sort in creation order, also within one millisecond, and never repeat', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }), (steps) => {
        let time = 1_790_000_000_000;
        const ids = ulidGenerator(() => time);
        const made = steps.map((step) => {
          time += step;
          return ids.next('C');
        });
        expect([...made].sort()).toEqual(made);
        expect(new Set(made).size).toBe(made.length);
        expect(made.every((id) => /^C[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
      }),
    );
  });
});
