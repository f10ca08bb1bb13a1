// Tencent Cloud SMS answers → the port's failures. SendSms (API 2021-01-11) answers a refusal of the
// whole request as `Response.Error.Code` (the SDK throws it with `code`), and a refusal of one
// number inside `SendStatusSet[].Code` (anything but `Ok`). Codes from Tencent's SMS error code list
// (短信 API 3.0 错误码, cloud.tencent.com/document/api/382/59177) and its common error codes.
// Pure. Nothing here carries the phone number.
import { SmsOptedOut, SmsRejected, SmsThrottled, SmsUnavailable } from './provider.js';
import type { SmsFailure, SmsRejectionReason } from './provider.js';

/** Nothing was sent: retry later, slower. */
export const TENCENT_THROTTLED = new Set([
  'LimitExceeded.DeliveryFrequencyLimit', // 命中频率限制策略
  'LimitExceeded.PhoneNumberDailyLimit', // 单个手机号日下发上限
  'LimitExceeded.PhoneNumberOneHourLimit',
  'LimitExceeded.PhoneNumberThirtySecondLimit',
  'LimitExceeded.PhoneNumberSameContentDailyLimit',
  'LimitExceeded.DailyLimit', // 业务短信日下发条数上限 (set in the console)
  'LimitExceeded.AppDailyLimit',
  'LimitExceeded.AppGlobalDailyLimit',
  'LimitExceeded.AppMainlandChinaDailyLimit',
  'LimitExceeded.AppCountryOrRegionDailyLimit',
  'FailedOperation.MarketingSendTimeConstraint', // 营销短信只允许 8:00–22:00
  'RequestLimitExceeded',
  'RequestLimitExceeded.GlobalRegionUinLimitExceeded',
  'RequestLimitExceeded.IPLimitExceeded',
  'RequestLimitExceeded.UinLimitExceeded',
]);

/** The number refused SMS (退订, or the carrier's do-not-disturb list): never again. */
export const TENCENT_OPTED_OUT = new Set(['FailedOperation.PhoneNumberInBlacklist']);

export const TENCENT_REJECTED: Readonly<Record<string, SmsRejectionReason>> = {
  'InvalidParameterValue.IncorrectPhoneNumber': 'invalid_number',
  'FailedOperation.PhoneNumberParseFail': 'invalid_number',
  'FailedOperation.PhoneNumberOnBlacklist': 'invalid_number',
  'LimitExceeded.AppCountryOrRegionInBlacklist': 'invalid_number',
  'UnsupportedOperation.UnsupportedRegion': 'invalid_number',
  'FailedOperation.ContainSensitiveWord': 'content',
  'InvalidParameterValue.ContentLengthLimit': 'content',
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter': 'content',
  'InvalidParameterValue.TemplateParameterFormatError': 'content',
  'InvalidParameterValue.TemplateParameterLengthLimit': 'content',
  'FailedOperation.TemplateIncorrectOrUnapproved': 'invalid_request',
  'FailedOperation.TemplateUnapprovedOrNotExist': 'invalid_request',
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': 'invalid_request',
  'FailedOperation.TemplateIdNotExist': 'invalid_request',
  'FailedOperation.SignatureIncorrectOrUnapproved': 'invalid_request',
  'FailedOperation.FailResolvePacket': 'invalid_request',
  'FailedOperation.JsonParseFail': 'invalid_request',
  'LimitExceeded.PhoneNumberCountLimit': 'invalid_request',
  'MissingParameter.EmptyPhoneNumberSet': 'invalid_request',
  'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber': 'invalid_request',
  'InternalError.RestApiInterfaceNotExist': 'invalid_request',
  InvalidParameter: 'invalid_request',
  InvalidParameterValue: 'invalid_request',
  MissingParameter: 'invalid_request',
};

/** Our account, keys, clock or billing: nothing was sent; retry once ops have fixed it. */
export const TENCENT_CONFIGURATION = new Set([
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureFailure',
  'AuthFailure.SignatureExpire',
  'AuthFailure.InvalidSecretId',
  'AuthFailure.InvalidAuthorization',
  'AuthFailure.UnauthorizedOperation',
  'AuthFailure.TokenFailure',
  'InvalidParameterValue.SdkAppIdNotExist',
  'UnauthorizedOperation.SdkAppIdIsDisabled',
  'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
  'UnauthorizedOperation.RequestPermissionDeny',
  'UnauthorizedOperation.RequestIpNotInWhitelist',
  'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny',
  'UnauthorizedOperation.ServiceSuspendDueToArrears',
  'FailedOperation.InsufficientBalanceInSmsPackage',
  'InternalError.SigVerificationFail',
  'InternalError.SigFieldMissing',
  'InternalError.RequestTimeException',
  'IpNotInWhitelist',
  'IpInBlacklist',
]);

/** Failed on Tencent's side before it took the message. */
const NOT_SENT_PROVIDER = new Set(['InternalError.ParseBackendResponseFail']);

const NOT_SENT_NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

/** A refusal's code (`Response.Error.Code` or `SendStatusSet[].Code`, never `Ok`) → a failure. */
export const smsFailureFromTencentCode = (code: string, message?: string): SmsFailure => {
  const details = {
    providerCode: code,
    detail: `Tencent SendSms ${code}${message ? ` — ${scrub(message)}` : ''}`,
  };
  if (TENCENT_THROTTLED.has(code)) return new SmsThrottled(details);
  if (TENCENT_OPTED_OUT.has(code)) return new SmsOptedOut(details);
  const reason = Object.hasOwn(TENCENT_REJECTED, code) ? TENCENT_REJECTED[code] : undefined;
  if (reason) return new SmsRejected(reason, details);
  if (TENCENT_CONFIGURATION.has(code))
    return new SmsUnavailable('configuration', { ...details, maybeSent: false });
  // InternalError.Timeout / SendAndRecvFail / OtherError and the unknown: Tencent may have taken it
  return new SmsUnavailable('provider_error', { ...details, maybeSent: !NOT_SENT_PROVIDER.has(code) });
};

interface SdkErrorShape {
  code?: unknown;
  httpCode?: unknown;
  message?: unknown;
}

/**
 * An error the SDK threw (TencentCloudSDKHttpException: `code` from the answer's Error, or
 * `httpCode` for a non-200 answer, or neither when the request got no answer) → a failure.
 */
export const smsFailureFromTencentError = (error: unknown): SmsFailure => {
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
  const message = typeof shape.message === 'string' ? shape.message : '';
  if (typeof shape.code === 'string' && shape.code !== '')
    return smsFailureFromTencentCode(shape.code, message);
  if (typeof shape.httpCode === 'number') {
    const status = shape.httpCode;
    if (status === 429) return new SmsThrottled({ providerCode: 'HTTP 429' });
    return new SmsUnavailable('provider_error', {
      providerCode: `HTTP ${status}`,
      detail: `Tencent SendSms answered HTTP ${status}`,
      maybeSent: status >= 500,
    });
  }
  const neverSent = NOT_SENT_NETWORK.test(message);
  return new SmsUnavailable('network', {
    providerCode: 'NoAnswer',
    detail: `Tencent SendSms got no answer${message ? ` (${scrub(message)})` : ''}`,
    maybeSent: !neverSent,
  });
};

/** Tencent's messages may quote a number: take any digit run out, and keep it short. */
const scrub = (text: string): string => {
  const out = text.replace(/\+?\d[\d\s-]{5,}\d/g, '[redacted]');
  return out.length > 200 ? `${out.slice(0, 197)}...` : out;
};
