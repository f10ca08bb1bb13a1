// The one id generator: ULID (Crockford base32, 48-bit time + 80-bit randomness), monotonic within
// a millisecond so ids created in one process sort in creation order.
import { randomBytes } from 'node:crypto';
import { encodeTime, ULID_ALPHABET as ALPHABET, type IdGenerator } from '#shared/ids.js';

export const ulidGenerator = (now: () => number = Date.now): IdGenerator => {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return {
    next(prefix = '') {
      const time = now();
      if (time === lastTime) {
        // increment the 80-bit random part, base 32, so ids stay strictly increasing
        for (let i = lastRandom.length - 1; i >= 0; i--) {
          if (lastRandom[i]! < 31) {
            lastRandom[i]! += 1;
            break;
          }
          lastRandom[i] = 0;
        }
      } else {
        lastTime = time;
        lastRandom = [...randomBytes(16)].map((b) => b % 32);
      }
      return prefix + encodeTime(time) + lastRandom.map((d) => ALPHABET[d]).join('');
    },
  };
};
