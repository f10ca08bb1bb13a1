// The local identity provider: an RS256 dev key pair kept in .local/ (so `npm run token` and the
// running server agree), a JWKS, and verification exactly as the HTTP API JWT authorizer does it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';
import { repositoryRoot } from './invoke.js';

export const LOCAL_ISSUER = 'https://ocrm.local/auth';
export const LOCAL_AUDIENCE = 'ocrm-local';
const KEY_ID = 'ocrm-dev-1';

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

export const devKeyFile = (dir = join(repositoryRoot, '.local')): string => join(dir, 'dev-jwt-key.json');

export const loadOrCreateDevKey = async (file = devKeyFile()): Promise<StoredKey> => {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const stored: StoredKey = {
    privateJwk: { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: 'RS256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' },
  };
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  return stored;
};

export const jwks = (key: StoredKey) => ({ keys: [key.publicJwk] });

export const signDevToken = async (
  key: StoredKey,
  subject: string,
  options: { expiresInSeconds?: number; now?: Date; extraClaims?: JWTPayload } = {},
): Promise<string> => {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ ...options.extraClaims })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 12 * 3600))
    .sign(await importJWK(key.privateJwk, 'RS256'));
};

export type JwtVerifier = (
  authorization: string | undefined,
  now: Date,
) => Promise<Record<string, string> | undefined>;

/**
 * As the HTTP API JWT authorizer: a `Bearer` token signed by a key in the JWKS, RS256 only, with the
 * expected issuer and audience, not expired, not before nbf. Claims reach the handler as strings.
 */
export const jwtVerifier = (key: StoredKey): JwtVerifier => {
  const keySet = createLocalJWKSet(jwks(key));
  return async (authorization, now) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return undefined;
    try {
      const { payload } = await jwtVerify(match[1]!, keySet, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
        currentDate: now,
      });
      return Object.fromEntries(
        Object.entries(payload).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : Array.isArray(v) ? `[${v.join(' ')}]` : String(v),
        ]),
      );
    } catch {
      return undefined;
    }
  };
};
