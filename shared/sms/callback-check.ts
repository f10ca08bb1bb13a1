// The check of a provider's push that carries no signature (Alibaba's SmsReport/SmsUp, Tencent's
// status and reply callbacks): a per-deployment secret token in the callback URL (`?token=`,
// compared in constant time) and, when ops set one, the provider's push addresses as a source
// allow list. One piece for every unsigned channel. Pure.
import { timingSafeEqual } from 'node:crypto';
import type { CallbackRequest } from './channel.js';

/** Constant-time equality of a given secret (or signature) with the expected one. */
export const sameSecret = (given: string | undefined, expected: string): boolean => {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** True when the URL carries the token and, with an allow list, the source is on it. */
export const urlTokenCheck =
  (token: string, sourceIps?: readonly string[]) =>
  (request: CallbackRequest): boolean =>
    sameSecret(request.query.token, token) &&
    (sourceIps === undefined || (request.sourceIp !== undefined && sourceIps.includes(request.sourceIp)));
