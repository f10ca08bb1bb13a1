// The bank gateway contract's signature (docs/sms-gateway.md): every request, either way, carries
// `X-OCRM-Timestamp` (unix seconds) and `X-OCRM-Signature` = hex HMAC-SHA256(secret, timestamp +
// "\n" + raw body). A receiver refuses a timestamp more than five minutes from its clock and a
// signature it has seen within that window (a replay). Pure.
import { createHmac } from 'node:crypto';
import { sameSecret } from './callback-check.js';

export const TIMESTAMP_HEADER = 'x-ocrm-timestamp';
export const SIGNATURE_HEADER = 'x-ocrm-signature';
/** How far a timestamp may be from the receiver's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export const bankGatewaySignature = (secret: string, timestamp: string, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}\n${body}`, 'utf8').digest('hex');

/** The two headers of a request with this body, signed at `now`. */
export const signedHeaders = (secret: string, body: string, now: Date): Record<string, string> => {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'X-OCRM-Timestamp': timestamp, 'X-OCRM-Signature': bankGatewaySignature(secret, timestamp, body) };
};

export type SignatureCheck = 'ok' | 'missing' | 'bad' | 'stale' | 'replayed';

/**
 * Signatures seen within the window: the first sight of one is true, another is false. Per
 * process; across processes a replay is absorbed by the receipts' and replies' own idempotency.
 */
export interface SeenSignatures {
  firstSight(signature: string, expiresAtSeconds: number, nowSeconds: number): boolean;
}

/** Forgets a signature once its timestamp has left the window; holds at most `limit`. */
export const seenSignaturesInMemory = (limit = 100_000): SeenSignatures => {
  const seen = new Map<string, number>(); // signature → expiry, in insertion order
  return {
    firstSight(signature, expiresAtSeconds, nowSeconds) {
      for (const [key, expiry] of seen) {
        if (expiry > nowSeconds && seen.size < limit) break;
        seen.delete(key);
      }
      if (seen.has(signature)) return false;
      seen.set(signature, expiresAtSeconds);
      return true;
    },
  };
};

/** Checks a signed request's headers (lower-case names) against its raw body. */
export const checkSignedRequest = (
  secret: string,
  request: { headers: Record<string, string | undefined>; body: string; now: Date },
  seen?: SeenSignatures,
): SignatureCheck => {
  const timestamp = request.headers[TIMESTAMP_HEADER];
  const signature = request.headers[SIGNATURE_HEADER]?.toLowerCase();
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'bad';
  if (!sameSecret(signature, bankGatewaySignature(secret, timestamp, request.body))) return 'bad';
  const nowSeconds = Math.floor(request.now.getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return 'stale';
  if (seen && !seen.firstSight(signature, Number(timestamp) + SIGNATURE_WINDOW_SECONDS, nowSeconds))
    return 'replayed';
  return 'ok';
};
