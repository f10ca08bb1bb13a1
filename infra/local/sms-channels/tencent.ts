// The local Tencent Cloud SMS (API 2021-01-11): enough of its TC3 JSON API that the official SDK
// (tencentcloud-sdk-nodejs-sms) runs against it through its endpoint option, on the shared outbox,
// and its callbacks back.
//
// The SDK sends `POST {protocol}{endpoint}/` with a JSON body ({PhoneNumberSet, SmsSdkAppId,
// SignName, TemplateId, TemplateParamSet, SessionContext}) and headers `X-TC-Action: SendSms`,
// `X-TC-Version: 2021-01-11`, `X-TC-Timestamp` and `Authorization: TC3-HMAC-SHA256
// Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=content-type;host,
// Signature=<hex>`; the stand-in checks that signature with the local keys. It answers
// `{Response:{SendStatusSet:[{SerialNo, PhoneNumber, Fee, Code:"Ok"|…, Message, IsoCode}], RequestId}}`
// or a refusal of the request `{Response:{Error:{Code, Message}, RequestId}}` (both HTTP 200).
//
// After a send it pushes the status callback (a JSON array) to POST {callbackBase}/v1/sms/callbacks/
// tencent/receipts?token=…, again until it reads {"result":0}. Served beside the outbox:
//   POST /_local/sms/tencent/reply   {"phone","text"}  pushes a reply (TD …) to …/replies
//   POST /_local/sms/tencent/repush  pushes every status again (as Tencent's retries would)
//   GET  /_local/sms/tencent/reports the status items pushed, oldest first
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameSecret } from '#shared/sms/callback-check.js';
import type { TencentReplyItem, TencentStatusItem } from '#shared/sms/tencent-callback.js';
import type { GenericFault, OutboxEntry } from './outbox.js';
import {
  createPusher,
  pathUnder,
  serveKnobs,
  type PushingStandIn,
  type PushingStandInOptions,
} from './push.js';
import { readBody, sendJson } from './wire.js';

/** The local keys, application and the templates the local account has "approved". */
export const TENCENT_LOCAL = {
  secretId: 'AKIDLocalTencentStandIn',
  secretKey: 'local-tencent-secret-key',
  smsSdkAppId: '1400000001',
  callbackToken: 'local-tencent-callback-token-01',
  signName: '示例银行',
  templates: {
    '100001': { smsType: 'Promotional', text: '{1}', variables: 1 },
    '100002': { smsType: 'Transactional', text: '{1}', variables: 1 },
    // a campaign's own approved template (its variables filled per customer)
    '100003': { smsType: 'Promotional', text: '{1}您好，{2}上线。回复TD退订', variables: 2 },
  },
} as const;
type TemplateId = keyof typeof TENCENT_LOCAL.templates;

const FAULT_CODES: Record<GenericFault, string> = {
  throttled: 'LimitExceeded.PhoneNumberDailyLimit',
  'rejected-template': 'FailedOperation.TemplateIncorrectOrUnapproved',
  'unknown-number': 'InvalidParameterValue.IncorrectPhoneNumber',
};
/** Codes that refuse the whole request (Response.Error) rather than one number (SendStatusSet). */
const REQUEST_ERRORS = new Set([
  'AuthFailure.SignatureFailure',
  'AuthFailure.SecretIdNotFound',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'InvalidParameterValue.SdkAppIdNotExist',
  'RequestLimitExceeded',
  'InternalError.Timeout',
  'InvalidAction',
]);

export type TencentStandInOptions = PushingStandInOptions;
export type TencentStandIn = PushingStandIn<TencentStatusItem>;

const CHINA_MOBILE = /^\+861[3-9]\d{9}$/;

export const createTencentStandIn = (options: TencentStandInOptions): TencentStandIn => {
  const { outbox } = options;
  const pushDelayMs = options.pushDelayMs ?? 20;
  const pusher = createPusher((answer) => (answer as { result?: unknown } | undefined)?.result === 0);
  let reports: TencentStatusItem[] = [];
  const url = (kind: 'receipts' | 'replies') =>
    `${options.callbackBase}/v1/sms/callbacks/tencent/${kind}?token=${encodeURIComponent(TENCENT_LOCAL.callbackToken)}`;

  const statusOf = (entry: OutboxEntry): TencentStatusItem => ({
    user_receive_time: beijingTime(outbox.now()),
    nationcode: '86',
    mobile: entry.phone.replace(/^\+86/, ''),
    report_status: entry.status === 'delivered' ? 'SUCCESS' : 'FAIL',
    errmsg: entry.status === 'delivered' ? 'DELIVRD' : entry.status === 'opted_out' ? 'MK:0011' : 'UNDELIV',
    description:
      entry.status === 'delivered'
        ? '用户短信送达成功'
        : entry.status === 'opted_out'
          ? '用户已退订'
          : '用户未接收',
    sid: entry.messageId,
  });

  const sendOne = (phone: string, body: SendSmsBody): Record<string, unknown> => {
    const refused = (code: string) => ({
      SerialNo: '',
      PhoneNumber: phone,
      Fee: 0,
      Code: code,
      Message: code,
      IsoCode: 'CN',
    });
    if (!CHINA_MOBILE.test(phone)) return refused('InvalidParameterValue.IncorrectPhoneNumber');
    const template = TENCENT_LOCAL.templates[body.TemplateId as TemplateId];
    const params = body.TemplateParamSet ?? [];
    if (params.length !== template.variables || params.some((p) => typeof p !== 'string' || p === ''))
      return refused('FailedOperation.TemplateParamSetNotMatchApprovedTemplate');
    const text = template.text.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1] ?? '');
    const entry = outbox.record({
      phone,
      text: `【${TENCENT_LOCAL.signName}】${text}`,
      smsType: template.smsType,
      channel: 'tencent',
      templateCode: body.TemplateId,
      templateParams: Object.fromEntries(params.map((p, i) => [String(i + 1), p])),
      messageId: `${Date.now()}:${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    });
    const report = statusOf(entry);
    reports.push(report);
    pusher.pushLater(pushDelayMs, url('receipts'), JSON.stringify([report]));
    return {
      SerialNo: entry.messageId,
      PhoneNumber: phone,
      Fee: entry.parts,
      Code: 'Ok',
      Message: 'send success',
      IsoCode: 'CN',
    };
  };

  const sendSms = (body: SendSmsBody): Record<string, unknown> => {
    const failure = outbox.takeFailure();
    const code = failure === undefined ? undefined : (FAULT_CODES[failure as GenericFault] ?? failure);
    if (code !== undefined && REQUEST_ERRORS.has(code)) throw new TencentError(code);
    if (outbox.takeRateSlot() !== undefined) throw new TencentError('RequestLimitExceeded');
    if (body.SmsSdkAppId !== TENCENT_LOCAL.smsSdkAppId)
      throw new TencentError('InvalidParameterValue.SdkAppIdNotExist');
    if (body.SignName !== TENCENT_LOCAL.signName)
      throw new TencentError('FailedOperation.SignatureIncorrectOrUnapproved');
    if (!Object.hasOwn(TENCENT_LOCAL.templates, body.TemplateId ?? ''))
      throw new TencentError('FailedOperation.TemplateIncorrectOrUnapproved');
    const phones = body.PhoneNumberSet ?? [];
    if (phones.length === 0) throw new TencentError('MissingParameter.EmptyPhoneNumberSet');
    const SendStatusSet = phones.map((phone) =>
      code !== undefined
        ? { SerialNo: '', PhoneNumber: phone, Fee: 0, Code: code, Message: code, IsoCode: 'CN' }
        : sendOne(phone, body),
    );
    return { SendStatusSet };
  };

  const serveApi = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const RequestId = randomUUID();
    try {
      const raw = await readBody(req);
      checkTc3(req, raw);
      if (req.headers['x-tc-action'] !== 'SendSms') throw new TencentError('InvalidAction');
      if (req.headers['x-tc-version'] !== '2021-01-11') throw new TencentError('NoSuchVersion');
      sendJson(res, 200, { Response: { ...sendSms(JSON.parse(raw) as SendSmsBody), RequestId } });
    } catch (error) {
      const code = error instanceof TencentError ? error.code : 'InternalError';
      sendJson(res, 200, {
        Response: { Error: { Code: code, Message: `${code} (local stand-in)` }, RequestId },
      });
    }
  };

  const standIn: TencentStandIn = {
    channel: 'tencent',
    async handle(req, res, url) {
      const knob = pathUnder(url, '/_local/sms/tencent');
      if (knob !== undefined) {
        await serveKnobs(standIn, req, res, knob);
        return true;
      }
      if (url.pathname !== '/' || req.headers['x-tc-action'] === undefined) return false;
      await serveApi(req, res);
      return true;
    },
    reply(phone, text) {
      const match = /^\+(86)(\d+)$/.exec(phone) ?? /^\+(\d{1,3})(\d+)$/.exec(phone);
      const item: TencentReplyItem = {
        extend: '',
        mobile: match?.[2] ?? phone.replace(/^\+/, ''),
        nationcode: match?.[1] ?? '86',
        sign: TENCENT_LOCAL.signName,
        text,
        time: Math.floor(outbox.now() / 1000),
      };
      return pusher.push(url('replies'), JSON.stringify(item));
    },
    async repush() {
      if (reports.length > 0) await pusher.push(url('receipts'), JSON.stringify(reports));
    },
    reports: () => [...reports],
    settled: () => pusher.settled(),
    reset() {
      reports = [];
    },
  };
  return standIn;
};

interface SendSmsBody {
  PhoneNumberSet?: string[];
  SmsSdkAppId?: string;
  SignName?: string;
  TemplateId?: string;
  TemplateParamSet?: string[];
}

class TencentError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Milliseconds → Tencent's `yyyy-MM-dd HH:mm:ss`, Beijing time. */
const beijingTime = (ms: number): string =>
  new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** TC3-HMAC-SHA256, as the SDK signs (service = the endpoint's first label): refuses what the local keys did not sign. */
const checkTc3 = (req: IncomingMessage, body: string): void => {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    );
  if (!match) throw new TencentError('AuthFailure.SignatureFailure');
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as string[];
  if (secretId !== TENCENT_LOCAL.secretId) throw new TencentError('AuthFailure.SecretIdNotFound');
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const canonical = [
    req.method,
    '/',
    '',
    `content-type:${String(req.headers['content-type'] ?? '')}\nhost:${host}\n`,
    signedHeaders,
    sha256Hex(body),
  ].join('\n');
  const timestamp = String(req.headers['x-tc-timestamp'] ?? '');
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256Hex(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${TENCENT_LOCAL.secretKey}`, date!), service!), 'tc3_request');
  if (!sameSecret(signature, createHmac('sha256', key).update(toSign).digest('hex')))
    throw new TencentError('AuthFailure.SignatureFailure');
};
