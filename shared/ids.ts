// Ids as the domain reasons about them: the ULID alphabet and time part, and the generator's port
// (the generator itself, with its randomness, is shared/adapters/ids.ts).

export const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface IdGenerator {
  next(prefix?: string): string;
}

/** The 10-character time part of a ULID: ids made at `ms` sort after it, ids made before sort before. */
export const encodeTime = (ms: number): string => {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ULID_ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
};
