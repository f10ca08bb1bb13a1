// Personal data (个人信息) outside an audited reveal: phone and ID numbers keep only what a relationship
// manager needs to recognise them, and account and card numbers (账号、卡号) only their last four digits,
// so nothing a screen, a download or a log shows can be used to call, impersonate or pay.
import { maskPhone } from './phone.js';
import { maskResidentId } from './resident-id.js';

const PHONE_KEYS = new Set(['phone', 'phonenumber', 'mobile']);
const ID_KEYS = new Set(['idnumber', 'idcard']);
const ACCOUNT_KEYS = new Set([
  'accountid',
  'accountnumber',
  'accountno',
  'cardnumber',
  'cardno',
  'pan',
  'counterpartyaccount',
]);

export const isPhoneKey = (key: string): boolean => PHONE_KEYS.has(key.toLowerCase());
export const isIdKey = (key: string): boolean => ID_KEYS.has(key.toLowerCase());
export const isAccountKey = (key: string): boolean => ACCOUNT_KEYS.has(key.toLowerCase());

/** 6222021234567890123 → ****0123; four characters or fewer are masked whole. */
export const maskAccountNumber = (value: string): string =>
  value.length <= 4 ? '*'.repeat(value.length) : `****${value.slice(-4)}`;

const maskMobile = (digits: string): string => `${digits.slice(0, 3)}****${digits.slice(-4)}`;

// What personal data looks like inside any text, each with its mask. A 16–19 digit run (a UnionPay
// card or an account) comes before the 18-character ID, so an all-digit one keeps its last four only.
const KINDS: readonly { pattern: string; mask: (found: string) => string }[] = [
  { pattern: String.raw`\+\d{8,15}`, mask: maskPhone }, // E.164
  { pattern: String.raw`(?<!\d)1[3-9]\d{9}(?!\d)`, mask: maskMobile }, // a bare mainland mobile
  { pattern: String.raw`(?<![\dA-Za-z])\d{16,19}(?![\dA-Za-z])`, mask: maskAccountNumber },
  { pattern: String.raw`(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])`, mask: maskResidentId },
];

/** Phones, resident IDs and card or account numbers, wherever they appear in a text. */
export const personalDataInText = (): RegExp => new RegExp(KINDS.map((k) => `(${k.pattern})`).join('|'), 'g');

export const maskPersonalDataInText = (text: string): string =>
  text.replace(personalDataInText(), (found: string, ...groups: unknown[]) => {
    const kind = groups.slice(0, KINDS.length).findIndex((g) => g !== undefined);
    return KINDS[kind]!.mask(found);
  });

/** A response value with every phone, ID, account or card number in it masked, by field name or by look. */
export const maskPersonalData = <T>(value: T): T => mask(value, '') as T;

const mask = (value: unknown, key: string): unknown => {
  if (typeof value === 'number' && isAccountKey(key)) return maskAccountNumber(String(value));
  if (typeof value === 'string') {
    if (isAccountKey(key)) return maskAccountNumber(value);
    if (isPhoneKey(key)) return maskPhone(value);
    if (isIdKey(key)) return maskResidentId(value);
    return maskPersonalDataInText(value);
  }
  if (Array.isArray(value)) return value.map((v) => mask(v, ''));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
  return value;
};
