import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SMS_LIMITS, smsEncoding, smsParts } from '#shared/sms/parts.js';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const CHINESE = '尊敬的客户您好理财到期提醒退订回复客户经理金卡白金钻石私人银行';

const gsmText = fc.array(fc.constantFrom(...GSM_BASIC), { maxLength: 800 }).map((chars) => chars.join(''));
const gsmWithExtensions = fc
  .array(fc.constantFrom(...GSM_BASIC, ...GSM_EXTENSION), { maxLength: 800 })
  .map((chars) => chars.join(''));
const chineseText = fc
  .array(fc.constantFrom(...CHINESE, ...'0123456789，。'), { maxLength: 600 })
  .map((c) => c.join(''));
const anyText = fc.oneof(
  gsmText,
  gsmWithExtensions,
  chineseText,
  fc.string({ unit: 'grapheme', maxLength: 400 }),
);

/** The model: ceil over the per-part capacity, when no pair ever straddles a boundary. */
const modelParts = (units: number, limits: { single: number; concatenated: number }): number =>
  units === 0 ? 0 : units <= limits.single ? 1 : Math.ceil(units / limits.concatenated);

describe('smsParts', () => {
  it('knows the 127 GSM-7 characters and their 10 extensions', () => {
    expect(new Set(GSM_BASIC).size).toBe(127);
    expect(smsEncoding(GSM_BASIC + GSM_EXTENSION)).toBe('GSM-7');
  });

  it('an empty text is no part', () => {
    expect(smsParts('')).toEqual({ encoding: 'GSM-7', characters: 0, units: 0, parts: 0 });
  });

  it.each([
    [1, 1],
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [201, 3],
    [202, 4],
  ])('%i Chinese characters are %i parts', (length, parts) => {
    expect(smsParts('理'.repeat(length))).toEqual({
      encoding: 'UCS-2',
      characters: length,
      units: length,
      parts,
    });
  });

  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
  ])('%i GSM-7 characters are %i parts', (length, parts) => {
    expect(smsParts('a'.repeat(length))).toMatchObject({ encoding: 'GSM-7', parts });
  });

  it('makes a GSM-7 text UCS-2 with a single Chinese character or the 【】 signature', () => {
    expect(smsParts(`${'a'.repeat(100)}理`)).toMatchObject({ encoding: 'UCS-2', parts: 2 });
    expect(smsEncoding('【Bank】 hello')).toBe('UCS-2');
  });

  it('counts an extension character as two septets', () => {
    expect(smsParts('€'.repeat(80))).toMatchObject({ characters: 80, units: 160, parts: 1 });
    expect(smsParts(`${'€'.repeat(80)}a`)).toMatchObject({ units: 161, parts: 2 });
  });

  it('never splits an escape pair across parts', () => {
    // 152 septets, then € (2) would straddle the 153 boundary: it moves whole to part two, so 306
    // septets need three parts where ⌈306 / 153⌉ would say two.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsParts(text)).toMatchObject({ units: 306, parts: 3 });
  });

  it('counts an astral character (emoji, CJK extension B) as two UCS-2 units and never splits it', () => {
    expect(smsParts('𠀀')).toMatchObject({ encoding: 'UCS-2', characters: 1, units: 2, parts: 1 });
    expect(smsParts(`${'理'.repeat(66)}😀${'理'.repeat(66)}`)).toMatchObject({ units: 134, parts: 3 });
  });

  it('parts never go down as the text grows', () => {
    fc.assert(
      fc.property(anyText, anyText, (text, more) => {
        expect(smsParts(text + more).parts).toBeGreaterThanOrEqual(smsParts(text).parts);
      }),
    );
  });

  it('a one-character-longer Chinese text costs the same or one more part', () => {
    fc.assert(
      fc.property(chineseText, fc.constantFrom(...CHINESE), (text, char) => {
        const grown = smsParts(text + char).parts - smsParts(text).parts;
        expect(grown === 0 || grown === 1).toBe(true);
      }),
    );
  });

  it('matches the ceiling model when every character is one unit', () => {
    fc.assert(
      fc.property(fc.oneof(gsmText, chineseText), (text) => {
        const count = smsParts(text);
        expect(count.units).toBe(count.characters);
        expect(count.parts).toBe(modelParts(count.units, SMS_LIMITS[count.encoding]));
      }),
    );
  });

  it('always has room: parts × capacity covers the units, and no more parts than needed with pairs', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { encoding, units, parts } = smsParts(text);
        const limits = SMS_LIMITS[encoding];
        if (parts <= 1) expect(units).toBeLessThanOrEqual(limits.single);
        else {
          expect(units).toBeGreaterThan(limits.single);
          expect(parts * limits.concatenated).toBeGreaterThanOrEqual(units);
          // a pair wastes at most one unit per boundary
          expect(parts).toBeLessThanOrEqual(Math.ceil(units / (limits.concatenated - 1)));
        }
      }),
    );
  });

  it('is UCS-2 exactly when some character is outside GSM-7', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const outside = [...text].some((c) => !GSM_BASIC.includes(c) && !GSM_EXTENSION.includes(c));
        expect(smsParts(text).encoding).toBe(outside ? 'UCS-2' : 'GSM-7');
      }),
    );
  });
});
