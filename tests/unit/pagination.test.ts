// List cursors: only what this deployment issued comes back as a start key; anything else is refused.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CURSOR_KEY_ENV,
  PageQuery,
  decodeCursor,
  encodeCursor,
  type PageKey,
} from '#shared/http/pagination.js';

const pageKey = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.integer()),
  { minKeys: 1, maxKeys: 4 },
);

afterEach(() => {
  delete process.env[CURSOR_KEY_ENV];
});

describe('signed cursors', () => {
  it('gives back the key it was issued for', () => {
    fc.assert(
      fc.property(pageKey, (key) => {
        expect(decodeCursor(encodeCursor(key)!)).toEqual(key);
      }),
    );
  });

  it('refuses a cursor that is unsigned, edited, or signed with another deployment’s key', () => {
    const unsigned = Buffer.from(JSON.stringify({ pk: 'x' })).toString('base64url');
    expect(unsigned).toBe('eyJwayI6IngifQ'); // the forged cursor of issue 11
    expect(decodeCursor(unsigned)).toBeUndefined();

    const issued = encodeCursor({ customerId: 'C0000001' })!;
    const [, signature] = issued.split('.');
    const edited = `${Buffer.from(JSON.stringify({ customerId: 'C0000999' })).toString('base64url')}.${signature}`;
    expect(decodeCursor(edited)).toBeUndefined();

    process.env[CURSOR_KEY_ENV] = 'deployment-a';
    const fromA = encodeCursor({ customerId: 'C0000001' })!;
    expect(decodeCursor(fromA)).toEqual({ customerId: 'C0000001' });
    process.env[CURSOR_KEY_ENV] = 'deployment-b';
    expect(decodeCursor(fromA)).toBeUndefined();
  });

  it('refuses any string it did not issue, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(decodeCursor(text)).toBeUndefined();
      }),
    );
  });

  it('signs only list keys: flat string or number attributes', () => {
    // a signed payload of another shape (never issued, but the shape check holds on its own)
    for (const bad of [{}, { a: { b: 1 } }, { a: [1] }, { a: '' }, { a: null }] as unknown as PageKey[])
      expect(decodeCursor(encodeCursor(bad)!)).toBeUndefined();
  });

  it('the page query names `cursor` when it is refused', () => {
    const result = PageQuery.safeParse({ cursor: 'eyJwayI6IngifQ' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['cursor']);
    expect(PageQuery.safeParse({ cursor: 'x'.repeat(5000) }).success).toBe(false);
    const ok = PageQuery.parse({ cursor: encodeCursor({ customerId: 'C1' }) });
    expect(ok.cursor).toEqual({ customerId: 'C1' });
  });
});
