import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactingReplacer } from '#shared/logging/redact.js';

const logLine = (value: unknown) => JSON.stringify(value, redactingReplacer);

describe('no phone or ID number in a log line', () => {
  it('drops sensitive fields by name at any depth', () => {
    const line = logLine({
      customer: { phone: 'anything', idNumber: 'x', nested: [{ mobile: 'y' }] },
      ok: 1,
    });
    expect(line).not.toContain('anything');
    expect(line).toContain('"ok":1');
  });

  it('masks phone and ID numbers inside any text', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1[3-9]\d{9}$/),
        fc.stringMatching(/^\d{17}[\dX]$/),
        fc.string({ maxLength: 20 }).filter((s) => !/\d/.test(s)),
        (mobile, id, words) => {
          const line = logLine({ message: `${words} call +86${mobile} or ${mobile}, id ${id} ${words}` });
          expect(line).not.toContain(mobile);
          expect(line).not.toContain(id);
        },
      ),
    );
  });

  it('masks 16–19 digit card and account numbers in any text, and account fields to their last four', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{15,18}$/), (number) => {
        const line = logLine({
          message: `转账至卡号${number}失败`,
          accountId: number,
          cardNo: Number(number.slice(0, 15)),
        });
        expect(line).not.toContain(number);
        expect(line).not.toContain(number.slice(0, 15));
        expect(JSON.parse(line).accountId).toBe(`****${number.slice(-4)}`);
      }),
    );
  });

  it('leaves amounts, dates and ids alone', () => {
    const line = logLine({ amountFen: 5000000, businessDate: '2026-11-29', customerId: 'C0000123' });
    expect(JSON.parse(line)).toEqual({
      amountFen: 5000000,
      businessDate: '2026-11-29',
      customerId: 'C0000123',
    });
  });
});
