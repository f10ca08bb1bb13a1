// The bank gateway contract's refusals (docs/sms-gateway.md) → the port's failures: a message's own
// `code` in a batch answer, and the whole request's HTTP status and `code`. Pure. Nothing here
// carries the phone number.
import { SmsOptedOut, SmsRejected, SmsThrottled, SmsUnavailable } from './provider.js';
import type { SmsFailure, SmsRejectionReason } from './provider.js';

/** A message's `code` when its status is `rejected`. */
export const BANK_GATEWAY_MESSAGE_CODES = [
  'INVALID_NUMBER',
  'CONTENT_REFUSED',
  'OPTED_OUT',
  'NUMBER_LIMIT',
  'INVALID_MESSAGE',
] as const;

/** A whole request's `code`, with its HTTP status. */
export const BANK_GATEWAY_REQUEST_CODES = {
  INVALID_REQUEST: 400,
  BAD_SIGNATURE: 401,
  STALE_TIMESTAMP: 401,
  REPLAYED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

const REJECTED: Readonly<Record<string, SmsRejectionReason>> = {
  INVALID_NUMBER: 'invalid_number',
  CONTENT_REFUSED: 'content',
  INVALID_MESSAGE: 'invalid_request',
};

/** A message the gateway refused in its batch answer. */
export const smsFailureFromBankGatewayCode = (code: string): SmsFailure => {
  const details = {
    providerCode: code,
    detail: `the bank's SMS platform refused the message: ${code.slice(0, 40)}`,
  };
  if (code === 'OPTED_OUT') return new SmsOptedOut(details);
  if (code === 'NUMBER_LIMIT') return new SmsThrottled(details);
  const reason = Object.hasOwn(REJECTED, code) ? REJECTED[code] : undefined;
  // an unknown refusal of one message is still that message's: sending it again would not help
  return new SmsRejected(reason ?? 'invalid_request', details);
};

/** A request the gateway refused as a whole (any status but 200). */
export const smsFailureFromBankGatewayStatus = (
  status: number,
  code: string | undefined,
  retryAfter: string | undefined,
): SmsFailure => {
  const providerCode = code?.slice(0, 40) ?? `HTTP ${status}`;
  const detail = `the bank's SMS platform answered HTTP ${status} ${providerCode}`;
  if (status === 429) {
    const seconds =
      retryAfter !== undefined && /^\d{1,6}$/.test(retryAfter.trim()) ? Number(retryAfter) : undefined;
    return new SmsThrottled({ providerCode, detail, ...(seconds ? { retryAfterMs: seconds * 1000 } : {}) });
  }
  if (status === 401 || status === 403)
    return new SmsUnavailable('configuration', { providerCode, detail, maybeSent: false });
  if (status >= 400 && status < 500) return new SmsRejected('invalid_request', { providerCode, detail });
  // 5xx: it may have taken the batch before it failed; 503 UNAVAILABLE says it did not
  return new SmsUnavailable('provider_error', { providerCode, detail, maybeSent: code !== 'UNAVAILABLE' });
};
