// No phone number or ID number ever reaches a log line: fields with sensitive names are dropped,
// and any string that looks like a phone or a resident ID number is masked wherever it appears.

const SENSITIVE_KEYS = new Set(['phone', 'phonenumber', 'mobile', 'idnumber', 'idcard', 'authorization']);
// E.164 (+ and 8–15 digits), bare mainland mobiles (1[3-9]xxxxxxxxx) and 18-character resident IDs.
const SENSITIVE_TEXT = /\+\d{8,15}|(?<!\d)1[3-9]\d{9}(?!\d)|(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;

export const redactText = (text: string): string => text.replace(SENSITIVE_TEXT, '[redacted]');

export const isSensitiveKey = (key: string): boolean => SENSITIVE_KEYS.has(key.toLowerCase());

/** A JSON.stringify replacer for the logger. */
export const redactingReplacer = (key: string, value: unknown): unknown => {
  if (key !== '' && isSensitiveKey(key)) return '[redacted]';
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
};
