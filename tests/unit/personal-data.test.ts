// Personal data in responses: account and card numbers by their last four, phones and IDs masked,
// by field name at any depth and by look inside any text; everything else untouched.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  maskAccountNumber,
  maskPersonalData,
  maskPersonalDataInText,
} from '#shared/validation/personal-data.js';

const cardNumber = fc.stringMatching(/^[1-9]\d{15,18}$/);
const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
const residentId = fc.stringMatching(/^\d{17}X$/);
const words = fc.string({ maxLength: 12 }).filter((s) => !/[\dA-Za-z+]/.test(s));

describe('masking personal data', () => {
  it('shows an account or card number by its last four digits only', () => {
    fc.assert(
      fc.property(cardNumber, words, (number, text) => {
        expect(maskAccountNumber(number)).toBe(`****${number.slice(-4)}`);
        const masked = maskPersonalDataInText(`${text}转账至 ${number}${text}`);
        expect(masked).not.toContain(number);
        expect(masked).toContain(`****${number.slice(-4)}`);
      }),
    );
    expect(maskAccountNumber('A1')).toBe('**');
  });

  it('masks phones, IDs and accounts by field name at any depth, and in any text', () => {
    fc.assert(
      fc.property(cardNumber, mobile, residentId, (account, phone, id) => {
        const out = maskPersonalData({
          items: [{ detail: { accountId: account, note: `客户 ${phone} 身份证 ${id}` } }],
          contact: { phone: `+86${phone}`, idNumber: id },
        });
        const text = JSON.stringify(out);
        for (const raw of [account, phone, id]) expect(text).not.toContain(raw);
        expect(out.items[0]!.detail.accountId).toBe(`****${account.slice(-4)}`);
        expect(out.contact.phone).toMatch(/^\+86\d{3}\*+\d{4}$/);
        expect(out.contact.idNumber).toMatch(/^\d{6}\*+\d{3}X$/);
      }),
    );
  });

  it('leaves amounts, dates, ids and short numbers alone', () => {
    const value = {
      amountFen: 1_000_000_000_000,
      at: '2026-11-18T02:00:00.000Z',
      customerId: 'C0000001',
      transactionId: 'T-20261118-000001',
      alertId: 'AL0123456789ABCDEF01234567',
      note: '收到 ¥12,345.67，编号 123456',
    };
    expect(maskPersonalData(value)).toEqual(value);
  });
});
