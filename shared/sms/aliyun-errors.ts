// Alibaba Cloud SMS answers → the port's failures. SendSms answers a business refusal with HTTP 200
// and `Code` other than `OK` (isv.* / isp.*); the gateway refuses with 4xx/5xx and its own codes
// (Throttling.User, InvalidAccessKeyId.NotFound, SignatureDoesNotMatch). Codes from Alibaba's API
// error code list (短信服务 API 错误码). Pure. Nothing here carries the phone number.
import {
  SmsRejected,
  SmsThrottled,
  SmsUnavailable,
  type SmsFailure,
  type SmsRejectionReason,
} from './provider.js';

/** Nothing was sent: retry later, slower. Default flow control is per signature × number (see provider-limits.ts). */
const THROTTLED = new Set([
  'isv.BUSINESS_LIMIT_CONTROL', // 触发业务流控: the per-number limits
  'isv.DAY_LIMIT_CONTROL', // 触发日发送限额: the account's daily cap set in the console
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'ServiceUnavailable.Throttling',
]);

const REJECTED: Record<string, SmsRejectionReason> = {
  'isv.MOBILE_NUMBER_ILLEGAL': 'invalid_number',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': 'invalid_number',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'invalid_request',
  'isv.SMS_CONTENT_ILLEGAL': 'content',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'content', // 黑名单关键字
  'isv.PARAM_LENGTH_LIMIT': 'content',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'content',
  'isv.SMS_TEMPLATE_ILLEGAL': 'invalid_request', // not approved, or not ours
  'isv.TEMPLATE_MISSING_PARAMETERS': 'invalid_request',
  'isv.SMS_SIGNATURE_ILLEGAL': 'invalid_request',
  'isv.SMS_SIGN_ILLEGAL': 'invalid_request',
  'isv.SIGN_STATE_ILLEGAL': 'invalid_request',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': 'invalid_request',
  'isv.EXTEND_CODE_ERROR': 'invalid_request',
  'isv.INVALID_PARAMETERS': 'invalid_request',
  'isv.INVALID_JSON_PARAM': 'invalid_request',
  'isv.PARAM_NOT_SUPPORT_URL': 'content',
  MissingPhoneNumbers: 'invalid_number',
  MissingSignName: 'invalid_request',
  MissingTemplateCode: 'invalid_request',
};

/** Our account, keys or billing: nothing was sent; retry once ops have fixed it. */
const CONFIGURATION = new Set([
  'isv.MONTH_LIMIT_CONTROL',
  'isv.OUT_OF_SERVICE',
  'isv.AMOUNT_NOT_ENOUGH',
  'isv.PRODUCT_UN_SUBSCRIPT',
  'isv.PRODUCT_UNSUBSCRIBE',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.ACCOUNT_ABNORMAL',
  'isv.DENY_IP_RANGE',
  'isp.RAM_PERMISSION_DENY',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'Forbidden.RAM',
  'Forbidden.AccessKeyDisabled',
  'NoPermission',
]);

const NOT_SENT_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A SendSms answer's `Code` (HTTP 200) other than OK → a failure. */
export const smsFailureFromAliyunCode = (code: string, message?: string, status?: number): SmsFailure => {
  const details = {
    providerCode: code,
    detail: `Alibaba SendSms ${code}${message ? ` — ${scrub(message)}` : ''}`,
  };
  if (THROTTLED.has(code)) return new SmsThrottled(details);
  const reason = Object.hasOwn(REJECTED, code) ? REJECTED[code] : undefined;
  if (reason) return new SmsRejected(reason, details);
  if (CONFIGURATION.has(code)) return new SmsUnavailable('configuration', { ...details, maybeSent: false });
  // isp.SYSTEM_ERROR and the unknown: Alibaba may have taken it when it failed on its side
  const maybeSent = status === undefined || status >= 500 || code.startsWith('isp.');
  return new SmsUnavailable('provider_error', { ...details, maybeSent });
};

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  retryAfter?: unknown;
  data?: { Code?: unknown; Message?: unknown };
}

/** An error the SDK threw (ClientError, ThrottlingError, ServerError, a socket error) → a failure. */
export const smsFailureFromAliyunError = (error: unknown): SmsFailure => {
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
  const status = typeof shape.statusCode === 'number' ? shape.statusCode : undefined;
  const code =
    typeof shape.data?.Code === 'string'
      ? shape.data.Code
      : typeof shape.code === 'string'
        ? shape.code
        : undefined;
  if (status === undefined) {
    const neverSent = code !== undefined && NOT_SENT_NETWORK.has(code);
    return new SmsUnavailable('network', {
      providerCode: code ?? (typeof shape.name === 'string' ? shape.name : 'Error'),
      detail: `Alibaba SendSms got no answer${code ? ` (${code})` : ''}`,
      maybeSent: !neverSent,
    });
  }
  const message = typeof shape.data?.Message === 'string' ? shape.data.Message : undefined;
  const failure = smsFailureFromAliyunCode(code ?? `HTTP ${status}`, message, status);
  if (failure instanceof SmsThrottled && typeof shape.retryAfter === 'number' && shape.retryAfter > 0) {
    return new SmsThrottled({ providerCode: failure.providerCode, retryAfterMs: shape.retryAfter });
  }
  if (status === 429 && !(failure instanceof SmsThrottled)) {
    return new SmsThrottled({ providerCode: failure.providerCode });
  }
  return failure;
};

/** Alibaba's messages may quote a number: take any digit run out, and keep it short. */
const scrub = (text: string): string => {
  const out = text.replace(/\+?\d[\d\s-]{5,}\d/g, '[redacted]');
  return out.length > 200 ? `${out.slice(0, 197)}...` : out;
};
