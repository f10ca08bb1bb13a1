// Alibaba's HTTP pushes parsed into the channel-neutral receipts and replies, and their check.
import { describe, expect, it } from 'vitest';
import { createAliyunCallback } from '#shared/sms/aliyun-callback.js';
import { smsFailureFromAliyunCode } from '#shared/sms/aliyun-errors.js';

const TOKEN = 'a-token-of-at-least-16-chars';
const callback = createAliyunCallback({
  accessKeyId: 'k',
  accessKeySecret: 's',
  signName: '示例银行',
  callbackToken: TOKEN,
});
const request = (query: Record<string, string>, sourceIp = '10.0.0.1') => ({
  headers: {},
  query,
  body: '[]',
  sourceIp,
  now: new Date(),
});

describe('the aliyun callback', () => {
  it('takes only pushes with the deployment’s token, and from the allowed sources when listed', () => {
    expect(callback.verify(request({ token: TOKEN }))).toBe(true);
    expect(callback.verify(request({ token: `${TOKEN}x` }))).toBe(false);
    expect(callback.verify(request({}))).toBe(false);
    const listed = createAliyunCallback({
      accessKeyId: 'k',
      accessKeySecret: 's',
      signName: '示例银行',
      callbackToken: TOKEN,
      callbackSourceIps: ['10.0.0.2'],
    });
    expect(listed.verify(request({ token: TOKEN }))).toBe(false);
    expect(listed.verify(request({ token: TOKEN }, '10.0.0.2'))).toBe(true);
  });

  it('SmsReport → receipts keyed by BizId, Beijing times as UTC, no phone number kept', () => {
    const receipts = callback.receipts!(
      JSON.stringify([
        {
          phone_number: '13812345678',
          send_time: '2026-11-20 10:00:00',
          report_time: '2026-11-20 10:00:05',
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          sms_size: '1',
          biz_id: '123^0',
          out_id: '',
        },
        {
          phone_number: '13812345679',
          report_time: '2026-11-20 10:00:06',
          success: false,
          err_code: 'UNDELIV',
          err_msg: '13812345679 未接收',
          biz_id: '124^0',
        },
      ]),
    );
    expect(receipts).toEqual([
      {
        providerMessageId: '123^0',
        status: 'delivered',
        at: '2026-11-20T02:00:05.000Z',
        providerResponse: 'DELIVERED 用户接收成功',
      },
      {
        providerMessageId: '124^0',
        status: 'failed',
        at: '2026-11-20T02:00:06.000Z',
        providerResponse: 'UNDELIV [redacted] 未接收',
      },
    ]);
    expect(callback.accepted.body).toEqual({ code: 0, msg: '接收成功' });
  });

  it('SmsUp → replies from +86 numbers, deduplicated by sequence_id', () => {
    expect(
      callback.replies!(
        JSON.stringify([
          {
            phone_number: '13812345678',
            content: 'TD',
            send_time: '2026-11-20 10:00:00',
            sign_name: '示例银行',
            dest_code: '1',
            sequence_id: 77,
          },
        ]),
      ),
    ).toEqual([
      {
        messageId: 'aliyun-up-77',
        from: '+8613812345678',
        text: 'TD',
        receivedAt: '2026-11-20T02:00:00.000Z',
      },
    ]);
  });

  it('a body that is not Alibaba’s push throws', () => {
    expect(() => callback.receipts!('{"not":"an array"}')).toThrow();
    expect(() => callback.replies!('[{"content":"TD"}]')).toThrow();
  });

  it('Alibaba’s codes map to the port’s failures', () => {
    expect(smsFailureFromAliyunCode('isv.BUSINESS_LIMIT_CONTROL').kind).toBe('throttled');
    expect(smsFailureFromAliyunCode('isv.MOBILE_NUMBER_ILLEGAL')).toMatchObject({
      kind: 'rejected',
      reason: 'invalid_number',
    });
    expect(smsFailureFromAliyunCode('isv.BLACK_KEY_CONTROL_LIMIT')).toMatchObject({
      kind: 'rejected',
      reason: 'content',
    });
    expect(smsFailureFromAliyunCode('isv.AMOUNT_NOT_ENOUGH')).toMatchObject({
      kind: 'unavailable',
      maybeSent: false,
    });
    expect(smsFailureFromAliyunCode('isp.SYSTEM_ERROR')).toMatchObject({
      kind: 'unavailable',
      maybeSent: true,
    });
  });
});
