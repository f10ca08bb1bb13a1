// The aliyun channel's sender: Alibaba Cloud SMS SendSms through the official SDK
// (@alicloud/dysmsapi20170525), one number per call, on an approved template (aliyun-config.ts).
// BizId, the answer's id, is the key of its SmsReport receipts. SendBatchSms is not used: the
// sender claims, paces and records each message on its own, and a batch shares one BizId.
// Retries: the SDK retries nothing unless told (no retryOptions here); the sender retries on the
// port's failures. Adapter: the only file that imports the SDK.
import dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { logger } from '#shared/logging/logger.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { smsParts } from './parts.js';
import { SmsRejected, type SmsMessage, type SmsProvider, type SmsSent } from './provider.js';
import { aliyunConfigOf, type AliyunConfig } from './aliyun-config.js';
import { smsFailureFromAliyunCode, smsFailureFromAliyunError } from './aliyun-errors.js';
import { aliyunTemplateOf } from './aliyun-template.js';

// The package is CommonJS with `exports.default = Client`: Node's ESM loader hands the whole
// exports object as the default, a bundler may hand the class.
type ClientClass = (typeof dysmsapi)['default'];
type Client = InstanceType<ClientClass>;
const loaded = dysmsapi as unknown;
const DysmsClient = (
  typeof loaded === 'function' ? loaded : (loaded as { default: unknown }).default
) as ClientClass;

/** Alibaba takes domestic numbers without +86; others with their country code, no +. */
export const aliyunPhoneOf = (e164: string): string =>
  e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '00');

export const createAliyunSmsProvider = (raw: Record<string, unknown>): SmsProvider => {
  const config = aliyunConfigOf(raw);
  const client = aliyunClient(config);
  return {
    async send(message: SmsMessage): Promise<SmsSent> {
      if (phoneProblem(message.phone))
        throw new SmsRejected('invalid_number', { detail: 'not a valid E.164 mobile' });
      if (message.text.trim() === '') throw new SmsRejected('content', { detail: 'the text is empty' });
      const template = aliyunTemplateOf(config, message);
      const request = new SendSmsRequest({
        phoneNumbers: aliyunPhoneOf(message.phone),
        signName: config.signName,
        templateCode: template.code,
        templateParam: JSON.stringify(template.param),
        outId: message.idempotencyKey.slice(0, 256),
      });
      const answer = await (
        client.sendSms(request) as Promise<{ statusCode?: number; body?: AnswerBody }>
      ).catch((error: unknown) => {
        throw smsFailureFromAliyunError(error);
      });
      const body = answer.body ?? {};
      if (body.code !== 'OK')
        throw smsFailureFromAliyunCode(body.code ?? 'NoCode', body.message, answer.statusCode);
      if (!body.bizId) throw smsFailureFromAliyunCode('NoBizId', 'SendSms answered OK without a BizId', 500);
      const { parts } = smsParts(message.text);
      logger.debug('SMS sent', {
        channel: 'aliyun',
        idempotencyKey: message.idempotencyKey,
        kind: message.kind,
        parts,
        providerMessageId: body.bizId,
      });
      return { provider: 'aliyun', providerMessageId: body.bizId, parts };
    },
  };
};

interface AnswerBody {
  code?: string;
  message?: string;
  bizId?: string;
  requestId?: string;
}

const aliyunClient = (config: AliyunConfig): Client =>
  new DysmsClient(
    new $OpenApiUtil.Config({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      endpoint: config.endpoint,
      protocol: config.protocol,
      readTimeout: config.readTimeoutMs,
      connectTimeout: config.connectTimeoutMs,
    }),
  );
