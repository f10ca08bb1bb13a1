// The campaign SMS as it goes out: the template filled, counted in parts and priced.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeMessage, type MessageInput } from '#shared/campaigns/compose-message.js';
import { smsParts } from '#shared/sms/parts.js';

const input: MessageInput = {
  template:
    '【示例银行】尊敬的{tier}客户{name}，{orgName}的{managerName}为您准备了新品理财。{nickname}回复TD退订',
  customer: { name: '王小明', tier: 'gold', phone: '+8613812345678' },
  managerName: '李晓华',
  orgName: '望京网点',
  idempotencyKey: 'C1#CU1',
  pricePerPartFen: 5,
};

describe('composing a campaign SMS', () => {
  it('fills the known placeholders (the tier by its label), leaves unknown ones, and prices the parts', () => {
    expect(composeMessage(input)).toEqual({
      sms: {
        phone: '+8613812345678',
        text: '【示例银行】尊敬的金卡客户王小明，望京网点的李晓华为您准备了新品理财。{nickname}回复TD退订',
        kind: 'marketing',
        idempotencyKey: 'C1#CU1',
      },
      parts: 1,
      costFen: 5,
    });
  });
  it('carries the sender id only when there is one; an unknown manager or branch is empty', () => {
    const composed = composeMessage({ ...input, managerName: '', orgName: '', senderId: 'BANK' });
    expect(composed.sms.senderId).toBe('BANK');
    expect(composed.sms.text).toContain('，的为您');
    expect('senderId' in composeMessage({ ...input, senderId: '' }).sms).toBe(false);
  });
  it('costs its parts times the price per part, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.nat(100), (template, price) => {
        const composed = composeMessage({ ...input, template, pricePerPartFen: price });
        expect(composed.parts).toBe(smsParts(composed.sms.text).parts);
        expect(composed.costFen).toBe(composed.parts * price);
      }),
    );
  });
});
