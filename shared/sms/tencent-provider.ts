// The tencent channel's sender: Tencent Cloud SMS SendSms (API 2021-01-11, signed TC3-HMAC-SHA256)
// through the official SDK (tencentcloud-sdk-nodejs-sms), one number per call, on an approved
// template (tencent-config.ts). The number's own result is SendStatusSet[0]: Code `Ok` = taken,
// and its SerialNo is the `sid` of the status callback (tencent-callback.ts). Retries: the SDK
// retries nothing; the sender retries on the port's failures. Adapter: the only file that imports
// the SDK.
import { v20210111 } from 'tencentcloud-sdk-nodejs-sms/tencentcloud/services/sms/v20210111/index.js';
import { logger } from '#shared/logging/logger.js';
import { phoneProblem } from '#shared/validation/phone.js';
import { smsParts } from './parts.js';
import { SmsRejected, type SmsMessage, type SmsProvider, type SmsSent } from './provider.js';
import { aliyunTemplateOf } from './aliyun-template.js';
import { tencentConfigOf, type TencentConfig } from './tencent-config.js';
import { smsFailureFromTencentCode, smsFailureFromTencentError } from './tencent-errors.js';

type Client = InstanceType<typeof v20210111.Client>;

/**
 * Our template → TemplateId and TemplateParamSet: the mapping is aliyun's (our template id →
 * provider code, provider variable → our placeholder); Tencent's variables are {1}, {2} … and go
 * as an array in that order.
 */
export const tencentTemplateOf = (
  config: Pick<TencentConfig, 'templates' | 'defaultTemplates' | 'signName'>,
  message: Pick<SmsMessage, 'text' | 'kind' | 'template'>,
): { templateId: string; params: string[] } => {
  const { code, param } = aliyunTemplateOf(config, message);
  const params = Object.entries(param)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, value]) => value);
  return { templateId: code, params };
};

export const createTencentSmsProvider = (raw: Record<string, unknown>): SmsProvider => {
  const config = tencentConfigOf(raw);
  const client = tencentClient(config);
  return {
    async send(message: SmsMessage): Promise<SmsSent> {
      if (phoneProblem(message.phone))
        throw new SmsRejected('invalid_number', { providerCode: 'InvalidPhoneNumber' });
      const { templateId, params } = tencentTemplateOf(config, message);
      const answer = await client
        .SendSms({
          PhoneNumberSet: [message.phone],
          SmsSdkAppId: config.smsSdkAppId,
          SignName: config.signName,
          TemplateId: templateId,
          TemplateParamSet: params,
          // returned as is in the status callback's context: never the phone number
          SessionContext: message.idempotencyKey.slice(0, 500),
        })
        .catch((error: unknown) => {
          throw smsFailureFromTencentError(error);
        });
      const status = answer.SendStatusSet?.[0];
      if (!status)
        throw smsFailureFromTencentCode('NoSendStatus', 'SendSms answered without a SendStatusSet');
      if (status.Code !== 'Ok') throw smsFailureFromTencentCode(status.Code ?? 'NoCode', status.Message);
      if (!status.SerialNo)
        throw smsFailureFromTencentCode('NoSerialNo', 'SendSms answered Ok without a SerialNo');
      const parts = status.Fee && status.Fee > 0 ? status.Fee : smsParts(message.text).parts;
      logger.debug('SMS sent', {
        channel: 'tencent',
        idempotencyKey: message.idempotencyKey,
        kind: message.kind,
        parts,
        providerMessageId: status.SerialNo,
      });
      return { provider: 'tencent', providerMessageId: status.SerialNo, parts };
    },
  };
};

const tencentClient = (config: TencentConfig): Client =>
  new v20210111.Client({
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region,
    profile: {
      httpProfile: {
        endpoint: config.endpoint,
        protocol: `${config.protocol}://`,
        reqTimeout: config.timeoutSeconds,
      },
    },
  });
