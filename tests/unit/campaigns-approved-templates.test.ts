// A campaign's approved provider templates: validated when the campaign is saved, filled per customer
// when it is composed, and sent as they are (Alibaba's TemplateCode and TemplateParam, Tencent's
// TemplateId and TemplateParamSet in variable order).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { approvedTemplateProblems, ApprovedTemplates } from '#shared/campaigns/approved-templates.js';
import { CampaignInput } from '#shared/campaigns/campaign.js';
import { composeMessage, type MessageInput } from '#shared/campaigns/compose-message.js';
import { aliyunTemplateOf } from '#shared/sms/aliyun-template.js';
import { tencentTemplateOf } from '#shared/sms/tencent-provider.js';

const input: MessageInput = {
  template: '【示例银行】{name}您好，大额存单上线。回复TD退订',
  customer: { name: '王小明', tier: 'gold', phone: '+8613812345678' },
  managerName: '李晓华',
  orgName: '望京网点',
  idempotencyKey: 'C1#CU1',
  pricePerPartFen: 5,
};
const channelConfig = { templates: {}, defaultTemplates: {}, signName: '示例银行' };

describe('a campaign’s approved templates', () => {
  it('are filled per customer and go to Alibaba as TemplateCode and TemplateParam, to Tencent in variable order', () => {
    const aliyun = composeMessage({
      ...input,
      approved: { code: 'SMS_123', params: { name: '{name}', product: '大额存单', who: '{tier}客户{name}' } },
    });
    expect(aliyun.sms.text).toBe('【示例银行】王小明您好，大额存单上线。回复TD退订');
    expect(aliyunTemplateOf(channelConfig, aliyun.sms)).toEqual({
      code: 'SMS_123',
      param: { name: '王小明', product: '大额存单', who: '金卡客户王小明' },
    });
    const tencent = composeMessage({
      ...input,
      approved: { code: '1001', params: { '2': '大额存单', '1': '{name}' } },
    });
    expect(tencentTemplateOf(channelConfig, tencent.sms)).toEqual({
      templateId: '1001',
      params: ['王小明', '大额存单'],
    });
  });

  it('without one the message keeps today’s shape (the channel’s default template and the text)', () => {
    expect('template' in composeMessage(input).sms).toBe(false);
  });

  it('are refused when a code is not the channel’s shape, Tencent’s variables have a gap, or a placeholder is unknown', () => {
    expect(
      approvedTemplateProblems(
        {
          aliyun: { code: '123', params: { a: '{nickname}' } },
          tencent: { code: 'SMS_1', params: { '1': 'x', '3': 'y' } },
        },
        'body.template.approved',
      ).map((e) => e.path),
    ).toEqual([
      'body.template.approved.aliyun.code',
      'body.template.approved.aliyun.params.a',
      'body.template.approved.tencent.code',
      'body.template.approved.tencent.params',
    ]);
    expect(ApprovedTemplates.safeParse({ sns: { code: 'x', params: {} } }).success).toBe(false);
    expect(
      CampaignInput.shape.template.safeParse({
        text: 'x',
        approved: { aliyun: { code: 'SMS_1', params: { 'a b': 'x' } } },
      }).success,
    ).toBe(false);
  });

  it('any well-formed template passes, and every variable is sent filled with no placeholder left', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^\w{1,8}$/),
          fc
            .array(fc.constantFrom('{name}', '{tier}', '{managerName}', '{orgName}', '理财', ' '), {
              minLength: 1,
              maxLength: 4,
            })
            .map((parts) => parts.join('')),
          { minKeys: 1, maxKeys: 5 },
        ),
        fc.nat(999_999),
        (params, n) => {
          const approved = { code: `SMS_${n}`, params };
          expect(approvedTemplateProblems({ aliyun: approved }, 'p')).toEqual([]);
          const { param } = aliyunTemplateOf(channelConfig, composeMessage({ ...input, approved }).sms);
          expect(Object.keys(param).sort()).toEqual(Object.keys(params).sort());
          for (const value of Object.values(param)) expect(value).not.toMatch(/[{}]/);
        },
      ),
    );
  });
});
