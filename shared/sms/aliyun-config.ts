// The aliyun channel's configuration: the channel's JSON config merged with its secret
// `ocrm/sms/aliyun` (shared/sms/deps.ts). Alibaba Cloud SMS sends only approved templates (模板) under
// an approved signature (签名): each of our templates maps to its TemplateCode and our placeholders
// to the template's variables. Pure.
import * as z from 'zod';

const TemplateMapping = z.strictObject({
  /** Alibaba's approved template: `SMS_123456789`. */
  code: z.string().min(1).max(64),
  /**
   * Alibaba's template variable → our placeholder (`name`, `tier`, `managerName`, `orgName`, or
   * `text`: the whole rendered text without its 【signature】, for a template that is one variable).
   */
  params: z.record(z.string().min(1).max(64), z.string().min(1).max(64)).default({}),
});
export type AliyunTemplateMapping = z.infer<typeof TemplateMapping>;

export const AliyunConfig = z.object({
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  /** The approved 签名, without 【】. */
  signName: z.string().min(1).max(64),
  /** Host (and port) only: the SDK adds the protocol. */
  endpoint: z.string().min(1).default('dysmsapi.aliyuncs.com'),
  protocol: z.enum(['HTTPS', 'HTTP']).default('HTTPS'),
  /** Our template id → Alibaba's approved template. */
  templates: z.record(z.string().min(1), TemplateMapping).default({}),
  /** The template a message without its own goes out on, per kind (our template ids). */
  defaultTemplates: z
    .strictObject({ marketing: z.string().optional(), service: z.string().optional() })
    .default({}),
  /** The secret in the callback URLs (`?token=`): Alibaba signs no HTTP push. */
  callbackToken: z.string().min(16).optional(),
  /** Alibaba's push addresses, when ops restrict the source as well (exact IPs). */
  callbackSourceIps: z.array(z.string().min(1)).optional(),
  /** Milliseconds: a send that takes longer is `maybeSent`. */
  readTimeoutMs: z.number().int().positive().default(5000),
  connectTimeoutMs: z.number().int().positive().default(2000),
});
export type AliyunConfig = z.infer<typeof AliyunConfig>;

export const aliyunConfigOf = (config: Record<string, unknown>): AliyunConfig => {
  const parsed = AliyunConfig.safeParse(config);
  if (!parsed.success) {
    // the issue's path only: a value here may be a secret
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new Error(`The aliyun SMS channel's configuration is invalid at: ${where}`);
  }
  return parsed.data;
};
