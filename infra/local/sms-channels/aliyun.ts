// The local Alibaba Cloud SMS (dysmsapi 2017-05-25): enough of its wire protocol that the official
// SDK (@alicloud/dysmsapi20170525) runs against it, on the shared outbox, and its HTTP pushes back.
//
// The SDK (openapi-core, ACS3-HMAC-SHA256) sends `POST {protocol}://{endpoint}/?PhoneNumbers=…&
// SignName=…&TemplateCode=…&TemplateParam=…` with headers `x-acs-action: SendSms`, `x-acs-version:
// 2017-05-25` and `Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=…,
// Signature=<hex HMAC-SHA256 of the canonical request>`; the stand-in checks that signature with the
// local keys. It answers HTTP 200 `{"Code":"OK","BizId":…}` or a business refusal with HTTP 200 and
// an isv.* Code (isv.BUSINESS_LIMIT_CONTROL, isv.MOBILE_NUMBER_ILLEGAL, isv.SMS_TEMPLATE_ILLEGAL,
// isv.TEMPLATE_MISSING_PARAMETERS …), and a refusal of the request with 4xx (Throttling.User,
// SignatureDoesNotMatch, InvalidAccessKeyId.NotFound). Like Alibaba it keeps the default flow
// control: 50 a day per signature, template and number.
//
// After a send it pushes SmsReport (a JSON array) to POST {callbackBase}/v1/sms/callbacks/aliyun/
// receipts?token=…, and pushes again (a few times, backing off) until it reads {"code":0}.
// Served beside the outbox (the gateway mounts it):
//   POST /_local/sms/aliyun/reply   {"phone","text"}  pushes an SmsUp reply (TD …) to …/replies
//   POST /_local/sms/aliyun/repush  pushes every receipt again (as Alibaba's retries would)
//   GET  /_local/sms/aliyun/reports the SmsReport items pushed, oldest first
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { aliyunPhoneOf } from '#shared/sms/aliyun-provider.js';
import type { SmsReportItem, SmsUpItem } from '#shared/sms/aliyun-callback.js';
import type { GenericFault, OutboxEntry } from './outbox.js';
import {
  createPusher,
  pathUnder,
  serveKnobs,
  type PushingStandIn,
  type PushingStandInOptions,
} from './push.js';
import { readBody, sendJson } from './wire.js';

/** The local keys and the templates the local account has "approved". */
export const ALIYUN_LOCAL = {
  accessKeyId: 'LTAI5tLocalStandIn',
  accessKeySecret: 'local-aliyun-access-key-secret',
  callbackToken: 'local-aliyun-callback-token-0001',
  signName: '示例银行',
  templates: {
    SMS_LOCAL_MARKETING: { smsType: 'Promotional', text: '${content}', variables: ['content'] },
    SMS_LOCAL_SERVICE: { smsType: 'Transactional', text: '${content}', variables: ['content'] },
    // a campaign's own approved template (its variables filled per customer)
    SMS_100000001: {
      smsType: 'Promotional',
      text: '${name}您好，${product}上线，详询${manager}。回复TD退订',
      variables: ['name', 'product', 'manager'],
    },
  },
} as const;
type TemplateCode = keyof typeof ALIYUN_LOCAL.templates;

/** Alibaba's default flow control for notices and marketing: per signature × template × number a day. */
export const ALIYUN_DAILY_LIMIT_PER_NUMBER = 50;

const FAULT_CODES: Record<GenericFault, string> = {
  throttled: 'isv.BUSINESS_LIMIT_CONTROL',
  'rejected-template': 'isv.SMS_TEMPLATE_ILLEGAL',
  'unknown-number': 'isv.MOBILE_NUMBER_ILLEGAL',
};
// Codes Alibaba's gateway answers with an HTTP error rather than a 200 body.
const HTTP_ERRORS: Record<string, number> = {
  'Throttling.User': 400,
  SignatureDoesNotMatch: 400,
  'InvalidAccessKeyId.NotFound': 404,
  InternalError: 500,
  ServiceUnavailable: 503,
};
const MESSAGES: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': '触发天级流控Permits:50',
  'isv.SMS_TEMPLATE_ILLEGAL': '该账号下找不到对应模板',
  'isv.MOBILE_NUMBER_ILLEGAL': '非法手机号',
  'isv.TEMPLATE_MISSING_PARAMETERS': '模板变量缺少对应参数值',
  'isv.SMS_SIGNATURE_ILLEGAL': '该账号下找不到对应签名',
  'Throttling.User': 'Request was denied due to user flow control.',
  SignatureDoesNotMatch: 'Specified signature is not matched with our calculation.',
  'InvalidAccessKeyId.NotFound': 'Specified access key is not found.',
};

export interface AliyunStandInOptions extends PushingStandInOptions {
  /** Pushes of one batch before giving up; default 6. */
  pushAttempts?: number;
}

/** `reports()`: the SmsReport items pushed (once each), oldest first. */
export type AliyunStandIn = PushingStandIn<SmsReportItem>;

const CHINA_MOBILE = /^1[3-9]\d{9}$/;

export const createAliyunStandIn = (options: AliyunStandInOptions): AliyunStandIn => {
  const { outbox } = options;
  const pushDelayMs = options.pushDelayMs ?? 20;
  const pushAttempts = options.pushAttempts ?? 6;
  let reports: SmsReportItem[] = [];
  let sentToday = new Map<string, number>(); // day|template|number → count
  let upSequence = 0;
  // Alibaba pushes a JSON array until it is answered code 0
  const pusher = createPusher(
    (answer) => (answer as { code?: unknown } | undefined)?.code === 0,
    pushAttempts,
  );
  const callbackUrl = (kind: 'receipts' | 'replies') =>
    `${options.callbackBase}/v1/sms/callbacks/aliyun/${kind}?token=${encodeURIComponent(ALIYUN_LOCAL.callbackToken)}`;
  const push = (kind: 'receipts' | 'replies', items: unknown[]): Promise<unknown> =>
    pusher.push(callbackUrl(kind), JSON.stringify(items));

  const reportOf = (entry: OutboxEntry, sentAt: string): SmsReportItem => ({
    phone_number: aliyunPhoneOf(entry.phone),
    send_time: beijingTime(sentAt),
    report_time: beijingTime(new Date(outbox.now()).toISOString()),
    success: entry.status === 'delivered',
    err_code:
      entry.status === 'delivered' ? 'DELIVERED' : entry.status === 'opted_out' ? 'MK:0011' : 'UNDELIV',
    err_msg:
      entry.status === 'delivered'
        ? '用户接收成功'
        : entry.status === 'opted_out'
          ? '用户已退订'
          : '用户未接收',
    sms_size: String(entry.parts),
    biz_id: entry.messageId,
    out_id: '',
  });

  const sendSms = (params: URLSearchParams): Record<string, string> => {
    const failure = outbox.takeFailure();
    if (failure !== undefined) throw new AliyunError(FAULT_CODES[failure as GenericFault] ?? failure);
    const waitSeconds = outbox.takeRateSlot();
    if (waitSeconds !== undefined) throw new AliyunError('Throttling.User');
    const number = params.get('PhoneNumbers') ?? '';
    if (!CHINA_MOBILE.test(number)) throw new AliyunError('isv.MOBILE_NUMBER_ILLEGAL');
    if (params.get('SignName') !== ALIYUN_LOCAL.signName) throw new AliyunError('isv.SMS_SIGNATURE_ILLEGAL');
    const code = params.get('TemplateCode') ?? '';
    if (!Object.hasOwn(ALIYUN_LOCAL.templates, code)) throw new AliyunError('isv.SMS_TEMPLATE_ILLEGAL');
    const template = ALIYUN_LOCAL.templates[code as TemplateCode];
    let values: Record<string, unknown>;
    try {
      values = JSON.parse(params.get('TemplateParam') ?? '{}') as Record<string, unknown>;
    } catch {
      throw new AliyunError('isv.INVALID_JSON_PARAM');
    }
    if (template.variables.some((v) => typeof values[v] !== 'string' || values[v] === ''))
      throw new AliyunError('isv.TEMPLATE_MISSING_PARAMETERS');
    const day = beijingTime(new Date(outbox.now()).toISOString()).slice(0, 10);
    const key = `${day}|${code}|${number}`;
    const count = sentToday.get(key) ?? 0;
    if (count >= ALIYUN_DAILY_LIMIT_PER_NUMBER) throw new AliyunError('isv.BUSINESS_LIMIT_CONTROL');
    sentToday.set(key, count + 1);
    const body = template.text.replace(/\$\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
    const bizId = `${Date.now()}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}^0`;
    const entry = outbox.record({
      phone: `+86${number}`,
      text: `【${ALIYUN_LOCAL.signName}】${body}`,
      smsType: template.smsType,
      channel: 'aliyun',
      templateCode: code,
      templateParams: Object.fromEntries(template.variables.map((v) => [v, String(values[v])])),
      messageId: bizId,
    });
    const report = reportOf(entry, entry.at);
    reports.push(report);
    // later, as Alibaba does: the send's own record is usually written first
    pusher.pushLater(pushDelayMs, callbackUrl('receipts'), JSON.stringify([report]));
    return { Code: 'OK', Message: 'OK', BizId: bizId };
  };

  const serveApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = randomUUID().toUpperCase();
    try {
      const body = await readBody(req);
      checkSignature(req, url, body);
      const action = req.headers['x-acs-action'];
      const params = new URLSearchParams(url.search);
      for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
      if (action !== 'SendSms') throw new AliyunError('InvalidAction.NotFound', 404);
      if (req.headers['x-acs-version'] !== '2017-05-25') throw new AliyunError('InvalidVersion', 400);
      sendJson(res, 200, { ...sendSms(params), RequestId: requestId });
    } catch (error) {
      const refusal = error instanceof AliyunError ? error : new AliyunError('InternalError', 500);
      const status = refusal.status ?? HTTP_ERRORS[refusal.code] ?? 200;
      sendJson(res, status, {
        Code: refusal.code,
        Message: MESSAGES[refusal.code] ?? refusal.code,
        RequestId: requestId,
        ...(status === 200 ? {} : { Recommend: 'local stand-in' }),
      });
    }
  };

  const standIn: AliyunStandIn = {
    channel: 'aliyun',
    async handle(req, res, url) {
      const knob = pathUnder(url, '/_local/sms/aliyun');
      if (knob !== undefined) {
        await serveKnobs(standIn, req, res, knob);
        return true;
      }
      if (url.pathname !== '/' || req.headers['x-acs-action'] === undefined) return false;
      await serveApi(req, res, url);
      return true;
    },
    reply(phone, text) {
      upSequence += 1;
      const item: SmsUpItem = {
        phone_number: aliyunPhoneOf(phone),
        content: text,
        send_time: beijingTime(new Date(outbox.now()).toISOString()),
        sign_name: ALIYUN_LOCAL.signName,
        dest_code: '1234',
        sequence_id: `${Date.now()}${upSequence}`,
      };
      return push('replies', [item]);
    },
    async repush() {
      if (reports.length > 0) await push('receipts', [...reports]);
    },
    reports: () => [...reports],
    settled: () => pusher.settled(),
    reset() {
      reports = [];
      sentToday = new Map();
    },
  };
  return standIn;
};

class AliyunError extends Error {
  constructor(
    readonly code: string,
    readonly status?: number,
  ) {
    super(code);
  }
}

/** ISO instant → Alibaba's `yyyy-MM-dd HH:mm:ss`, Beijing time. */
const beijingTime = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

const sha256Hex = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const encode = (text: string) =>
  encodeURIComponent(text)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');

/** ACS3-HMAC-SHA256, as openapi-core signs: refuses a request the local keys did not sign. */
const checkSignature = (req: IncomingMessage, url: URL, body: string): void => {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(
    String(req.headers.authorization ?? ''),
  );
  if (!match) throw new AliyunError('IncompleteSignature', 400);
  const [, accessKeyId, signedHeaders, signature] = match as unknown as [string, string, string, string];
  if (accessKeyId !== ALIYUN_LOCAL.accessKeyId) throw new AliyunError('InvalidAccessKeyId.NotFound');
  const payloadHash = String(req.headers['x-acs-content-sha256'] ?? '');
  if (payloadHash !== sha256Hex(body)) throw new AliyunError('SignatureDoesNotMatch');
  const query = [...url.searchParams.keys()]
    .sort()
    .map((key) => `${key}=${encode(url.searchParams.get(key) ?? '')}`)
    .join('&');
  const headers = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`)
    .join('');
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
  const expected = createHmac('sha256', ALIYUN_LOCAL.accessKeySecret)
    .update(`ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`)
    .digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AliyunError('SignatureDoesNotMatch');
};
