// `npm run token -- <staffId> [--expires SECONDS] [--key FILE]`: prints a bearer token the local
// runtime accepts. The server takes role and org from the staff record, so the token carries only who
// you are. Expiry is on the wall clock: the runtime's `--now` is business time, not sign-in time.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateDevKey, signDevToken } from './jwt.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { expires: { type: 'string', default: String(12 * 3600) }, key: { type: 'string' } },
});
const staffId = positionals[0];
if (!staffId) {
  console.error('usage: npm run token -- <staffId> [--expires SECONDS]   e.g. npm run token -- admin');
  process.exit(2);
}
const expiresInSeconds = Number(values.expires);
if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
  console.error('--expires must be a positive number of seconds');
  process.exit(2);
}
console.log(
  await signDevToken(await loadOrCreateDevKey(values.key ? resolve(values.key) : undefined), staffId, {
    expiresInSeconds,
  }),
);
