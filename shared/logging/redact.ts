// No phone, ID, card or account number ever reaches a log line: fields with sensitive names are
// dropped (account fields keep their last four), and any string that looks like a phone, a resident
// ID or a 16–19 digit card or account number is redacted wherever it appears.
import {
  isAccountKey,
  isIdKey,
  isPhoneKey,
  maskAccountNumber,
  personalDataInText,
} from '#shared/validation/personal-data.js';

export const redactText = (text: string): string => text.replace(personalDataInText(), '[redacted]');

export const isSensitiveKey = (key: string): boolean =>
  isPhoneKey(key) || isIdKey(key) || key.toLowerCase() === 'authorization';

/** A JSON.stringify replacer for the logger. */
export const redactingReplacer = (key: string, value: unknown): unknown => {
  if (key !== '' && isSensitiveKey(key)) return '[redacted]';
  if (key !== '' && isAccountKey(key) && (typeof value === 'string' || typeof value === 'number'))
    return maskAccountNumber(String(value));
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
};
