// Which approved Alibaba template a message goes out on, and its TemplateParam. Pure.
import { SmsRejected, type SmsMessage } from './provider.js';
import type { AliyunConfig } from './aliyun-config.js';

/**
 * Our template (the message's, else the kind's default) → Alibaba's TemplateCode and TemplateParam;
 * a message naming the approved template itself goes as it is.
 */
export const aliyunTemplateOf = (
  config: Pick<AliyunConfig, 'templates' | 'defaultTemplates' | 'signName'>,
  message: Pick<SmsMessage, 'text' | 'kind' | 'template'>,
): { code: string; param: Record<string, string> } => {
  // the sender's own approved template (a campaign's): as it is
  if (message.template?.approved) return { code: message.template.id, param: { ...message.template.values } };
  const id = message.template?.id ?? config.defaultTemplates[message.kind];
  const mapping = id !== undefined && Object.hasOwn(config.templates, id) ? config.templates[id] : undefined;
  if (!mapping) {
    throw new SmsRejected('invalid_request', {
      providerCode: 'NoTemplateMapping',
      detail: `no approved Alibaba template for ${id === undefined ? `${message.kind} messages` : `template ${id}`}`,
    });
  }
  const values: Record<string, string> = {
    ...message.template?.values,
    text: withoutSignature(message.text, config.signName),
  };
  const param: Record<string, string> = {};
  for (const [variable, placeholder] of Object.entries(mapping.params)) {
    const value = Object.hasOwn(values, placeholder) ? values[placeholder] : undefined;
    if (value === undefined) {
      throw new SmsRejected('invalid_request', {
        providerCode: 'TemplateValueMissing',
        detail: `template ${id} needs ${placeholder} for \${${variable}}`,
      });
    }
    param[variable] = value;
  }
  return { code: mapping.code, param };
};

/** Alibaba puts 【signName】 in front itself: a text that carries it already would show it twice. */
export const withoutSignature = (text: string, signName: string): string => {
  const prefix = `【${signName}】`;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
};
