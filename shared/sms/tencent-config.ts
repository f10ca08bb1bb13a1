// The tencent channel's configuration: the channel's JSON config merged with its secret
// `ocrm/sms/tencent` (shared/sms/deps.ts). Tencent Cloud SMS sends only approved templates (模板,
// numeric TemplateId) under an approved signature (签名) from an SMS application (SmsSdkAppId):
// each of our templates maps to its TemplateId and its ordered variables {1}, {2} … to our
// placeholders. Pure.
import * as z from 'zod';
import { AliyunConfig } from './aliyun-config.js';
import { channelConfigParser } from './channel-config.js';

/**
 * The template mapping, default templates and callback check are aliyun's (one shape for every
 * template channel): `templates[ours].code` is Tencent's numeric TemplateId, and `params` maps
 * its variables `1`, `2` … (sent in that order as TemplateParamSet) to our placeholders.
 */
export const TencentConfig = AliyunConfig.pick({
  signName: true,
  templates: true,
  defaultTemplates: true,
  callbackToken: true,
  callbackSourceIps: true,
}).extend({
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  /** The SMS application's SdkAppId: `1400006666`. */
  smsSdkAppId: z.string().regex(/^\d{1,20}$/),
  /** Tencent's region of the SMS API (ap-guangzhou, ap-beijing, ap-nanjing). */
  region: z.string().min(1).default('ap-guangzhou'),
  /** Host (and port) only: the SDK adds the protocol. */
  endpoint: z.string().min(1).default('sms.tencentcloudapi.com'),
  protocol: z.enum(['https', 'http']).default('https'),
  /** Seconds: a send that takes longer is `maybeSent`. */
  timeoutSeconds: z.number().int().positive().default(5),
});
export type TencentConfig = z.infer<typeof TencentConfig>;

export const tencentConfigOf = channelConfigParser('tencent', TencentConfig);
