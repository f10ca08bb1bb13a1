// Marketing SMS templates (短信模板): placeholders checked when the campaign is saved, the bank's
// signature 【…】 first and an opt-out instruction (回复TD退订 / 拒收请回复R) required, length in
// billed parts (70 Chinese characters alone, 67 per part concatenated). Pure.
import type { FieldError } from '#shared/errors.js';
import type { Tier } from '#shared/customers/customer.js';
import { smsParts } from '#shared/sms/parts.js';

export const PLACEHOLDERS = ['name', 'tier', 'managerName', 'orgName'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

export const TIER_LABELS: Record<Tier, string> = {
  standard: '普通',
  gold: '金卡',
  platinum: '白金',
  diamond: '钻石',
  private_banking: '私人银行',
};

/** 【…】 at the very start: the signature the carriers register for the bank. */
const SIGNATURE = /^【[^【】\s]{2,16}】/;
export const hasSignature = (text: string) => SIGNATURE.test(text);
/** A reply instruction with one of the opt-out words the inbound handler understands. */
const OPT_OUT = /(回复|回|reply)\s*(TD|T|N|R|STOP|退订)(?![A-Za-z])/i;
export const hasOptOut = (text: string) => OPT_OUT.test(text);
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Carriers bill long texts; a campaign above this many parts is refused at save time. */
export const MAX_PARTS = 5;

/** Values of typical length, to show the parts a message will usually cost. */
export const SAMPLE_VALUES: TemplateValues = {
  name: '王小明',
  tier: TIER_LABELS.private_banking,
  managerName: '李晓华',
  orgName: '北京分行朝阳支行望京网点',
};

export const placeholdersOf = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

export const render = (text: string, values: TemplateValues): string =>
  text.replace(PLACEHOLDER, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
  );

export interface TemplateCheck {
  errors: FieldError[];
  placeholders: string[];
  /** Parts of the text rendered with typical values. */
  parts: number;
  characters: number;
}

/** Every problem of a marketing template, each with its path (`path` is where the text sits). */
export const checkMarketingTemplate = (text: string, path = 'template.text'): TemplateCheck => {
  const errors: FieldError[] = [];
  if (!hasSignature(text)) {
    errors.push({ path, message: 'must start with the bank’s SMS signature in 【】, e.g. 【某某银行】' });
  }
  if (!hasOptOut(text)) {
    errors.push({ path, message: 'must tell the customer how to opt out, e.g. 回复TD退订 or 拒收请回复R' });
  }
  const placeholders = placeholdersOf(text);
  for (const name of new Set(placeholders)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      errors.push({
        path,
        message: `unknown placeholder {${name}}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      });
    }
  }
  const stray = text.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stray)) errors.push({ path, message: 'has a { or } that does not close a placeholder' });
  const count = smsParts(render(text, SAMPLE_VALUES));
  if (count.parts > MAX_PARTS) {
    errors.push({ path, message: `is ${count.parts} SMS parts with typical values; at most ${MAX_PARTS}` });
  }
  return { errors, placeholders, parts: count.parts, characters: count.characters };
};
