// How many SMS parts (条) a text costs, counted the way carriers bill it. A part carries 140 bytes:
// 160 GSM-7 septets or 70 UCS-2 code units alone; once concatenated, each part gives up a 6-byte
// header (UDH), leaving 153 septets or 67 code units. One character outside GSM-7 (any Chinese
// character, 【】, an emoji) turns the whole text into UCS-2.
// Pure: no AWS, no clock.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsPartCount {
  encoding: SmsEncoding;
  /** Characters as a reader counts them (Unicode code points). */
  characters: number;
  /** What the carrier counts: GSM-7 septets (an extension character takes 2) or UTF-16 code units. */
  units: number;
  /** Parts billed; 0 for an empty text. */
  parts: number;
}

export const SMS_LIMITS = {
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
} as const satisfies Record<SmsEncoding, { single: number; concatenated: number }>;

// GSM 03.38 default alphabet (the ESC code 0x1B is not a character of its own).
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each is sent as ESC + code, two septets.
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

/** Septets of a GSM-7 character, or undefined when the character is not in GSM-7. */
const gsm7Septets = (char: string): 1 | 2 | undefined => {
  if (GSM7_BASIC.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return undefined;
};

export const smsEncoding = (text: string): SmsEncoding => {
  for (const char of text) if (gsm7Septets(char) === undefined) return 'UCS-2';
  return 'GSM-7';
};

/**
 * Counts parts by packing characters greedily, as a sender's segmenter does: an escape pair
 * (GSM-7 `€`, `{`…) or a surrogate pair (UCS-2 emoji, rare CJK) is never split across two parts,
 * so a part may carry one unit less than its capacity.
 */
export const smsParts = (text: string): SmsPartCount => {
  const encoding = smsEncoding(text);
  const sizes: number[] = [];
  for (const char of text) sizes.push(encoding === 'GSM-7' ? (gsm7Septets(char) ?? 1) : char.length);
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const limits = SMS_LIMITS[encoding];
  const characters = sizes.length;
  if (units === 0) return { encoding, characters, units, parts: 0 };
  if (units <= limits.single) return { encoding, characters, units, parts: 1 };
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > limits.concatenated) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, characters, units, parts };
};
