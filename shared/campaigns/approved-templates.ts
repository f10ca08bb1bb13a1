// A campaign's approved provider templates (审核通过的短信模板): Alibaba and Tencent send only
// templates they approved, so a campaign for those channels names its template there and fills
// each template variable with a value: a placeholder ({name}, {tier}, {managerName}, {orgName}),
// fixed words, or both, rendered per customer. The text stays what the customer reads (and what
// is counted and priced); the provider gets the code and the filled variables. Pure.
import * as z from 'zod';
import type { FieldError } from '#shared/errors.js';
import type { SmsTemplateUse } from '#shared/sms/provider.js';
import { PLACEHOLDERS, placeholdersOf, render, type TemplateValues } from './template.js';

export const ApprovedTemplate = z.strictObject({
  /** The provider's approved template: Alibaba's TemplateCode `SMS_123456789`, Tencent's numeric TemplateId. */
  code: z.string().trim().min(1).max(64),
  /** Template variable → its value (a placeholder, fixed words, or both). */
  params: z.record(
    z.string().regex(/^\w{1,32}$/, 'must be a template variable name'),
    z.string().min(1).max(200),
  ),
});
export type ApprovedTemplate = z.infer<typeof ApprovedTemplate>;

/** The channels that send approved templates only, each with the template the campaign names there. */
export const ApprovedTemplates = z.strictObject({
  aliyun: ApprovedTemplate.optional(),
  tencent: ApprovedTemplate.optional(),
});
export type ApprovedTemplates = z.infer<typeof ApprovedTemplates>;
export type TemplateChannel = keyof ApprovedTemplates;

const CODE: Record<TemplateChannel, { pattern: RegExp; shape: string }> = {
  aliyun: { pattern: /^SMS_\d{1,20}$/, shape: 'Alibaba’s TemplateCode, e.g. SMS_123456789' },
  tencent: { pattern: /^\d{1,20}$/, shape: 'Tencent’s numeric TemplateId, e.g. 1234567' },
};

/** Rules the schema cannot say alone: each channel's code, Tencent's variables {1}…{n}, known placeholders. */
export const approvedTemplateProblems = (
  templates: ApprovedTemplates | undefined,
  path: string,
): FieldError[] => {
  const errors: FieldError[] = [];
  for (const channel of Object.keys(CODE) as TemplateChannel[]) {
    const template = templates?.[channel];
    if (!template) continue;
    const at = `${path}.${channel}`;
    if (!CODE[channel].pattern.test(template.code))
      errors.push({ path: `${at}.code`, message: `must be ${CODE[channel].shape}` });
    const variables = Object.keys(template.params);
    if (
      channel === 'tencent' &&
      variables
        .map(Number)
        .sort((a, b) => a - b)
        .join() !== variables.map((_, i) => i + 1).join()
    )
      errors.push({ path: `${at}.params`, message: 'Tencent’s variables are numbered 1, 2 … without a gap' });
    for (const [variable, value] of Object.entries(template.params)) {
      const unknown = placeholdersOf(value).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
      if (unknown.length > 0)
        errors.push({
          path: `${at}.params.${variable}`,
          message: `unknown placeholder {${unknown[0]}}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
        });
    }
  }
  return errors;
};

/** The template use a message carries to the provider: the approved code and its variables filled for one customer. */
export const approvedTemplateUse = (template: ApprovedTemplate, values: TemplateValues): SmsTemplateUse => ({
  id: template.code,
  values: Object.fromEntries(Object.entries(template.params).map(([v, text]) => [v, render(text, values)])),
  approved: true,
});
