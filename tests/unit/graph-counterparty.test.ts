// A transaction's counterparty account (issue 17): validated on input, a keyed hash as the graph's
// node id, and never raw in a response, a log line or a timeline detail outside the transaction record.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TransactionInput } from '#shared/transactions/transaction.js';
import { maskPersonalData } from '#shared/validation/personal-data.js';
import { redactingReplacer } from '#shared/logging/redact.js';
import { counterpartyNode, counterpartyNodeId, maskCounterpartyName } from '#shared/graph/counterparty.js';
import { transaction } from '../support/builders.js';

const account = fc.stringMatching(/^[0-9]{6,19}$/);

describe('the counterparty account', () => {
  it('is optional, and letters and digits of 6 to 34 characters when given', () => {
    expect(TransactionInput.safeParse(transaction()).success).toBe(true);
    expect(TransactionInput.safeParse(transaction({ counterpartyAccount: '6222021234567890' })).success).toBe(
      true,
    );
    for (const bad of ['12345', '6222 0212 3456', 'x'.repeat(35), ''])
      expect(TransactionInput.safeParse(transaction({ counterpartyAccount: bad })).success, bad).toBe(false);
  });

  it('is one node per bank and account under one key, another under another key, and never in the id', () => {
    fc.assert(
      fc.property(account, fc.constantFrom('工商银行', '建设银行', undefined), (number, bank) => {
        const id = counterpartyNodeId('key-a', number, bank);
        expect(id).toMatch(/^A[0-9a-f]{32}$/);
        expect(id).not.toContain(number);
        expect(counterpartyNodeId('key-a', ` ${number} `, bank)).toBe(id);
        expect(counterpartyNodeId('key-b', number, bank)).not.toBe(id);
        expect(counterpartyNodeId('key-a', number, '招商银行')).not.toBe(id);
      }),
    );
  });

  it('shows the last four digits and the first character of the name only', () => {
    const node = counterpartyNode('k', {
      counterpartyAccount: '6222021234567890',
      counterpartyBank: '工商银行',
      counterpartyName: '王建国',
    })!;
    expect(node).toMatchObject({ bank: '工商银行', maskedAccount: '****7890', maskedName: '王**' });
    expect(maskCounterpartyName('张三')).toBe('张*');
    expect(maskCounterpartyName('北京某某科技有限公司')).toBe('北京******公司');
    expect(counterpartyNode('k', { counterpartyName: '张三' })).toBeUndefined();
  });

  it('is masked in any response detail and any log line by its field name', () => {
    fc.assert(
      fc.property(account, (number) => {
        const detail = { counterpartyAccount: number, counterpartyName: '张三' };
        expect(JSON.stringify(maskPersonalData(detail))).not.toContain(number);
        expect(JSON.stringify(detail, redactingReplacer)).not.toContain(number);
      }),
    );
  });
});
