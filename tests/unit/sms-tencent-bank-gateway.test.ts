// The tencent and bank-gateway channels' pure parts: the contract's signature, the error-code
// mappings (total: every code is one of the port's four failures), the callbacks' parsing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bankGatewaySignature,
  checkSignedRequest,
  seenSignaturesInMemory,
  signedHeaders,
} from '#shared/sms/bank-gateway-signature.js';
import {
  BANK_GATEWAY_MESSAGE_CODES,
  smsFailureFromBankGatewayCode,
  smsFailureFromBankGatewayStatus,
} from '#shared/sms/bank-gateway-errors.js';
import {
  TENCENT_CONFIGURATION,
  TENCENT_OPTED_OUT,
  TENCENT_REJECTED,
  TENCENT_THROTTLED,
  smsFailureFromTencentCode,
  smsFailureFromTencentError,
} from '#shared/sms/tencent-errors.js';
import { createTencentCallback } from '#shared/sms/tencent-callback.js';
import { isSmsFailure } from '#shared/sms/provider.js';

const SECRET = 'a-bank-gateway-secret-of-32-chars-at-least';
const NOW = new Date('2026-12-07T08:00:00Z');
const headersOf = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe('the bank gateway signature', () => {
  it('verify(sign(x)) holds for any body', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (body) => {
        const headers = headersOf(signedHeaders(SECRET, body, NOW));
        expect(checkSignedRequest(SECRET, { headers, body, now: NOW })).toBe('ok');
      }),
    );
  });

  it('any change to the body or the timestamp fails', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: -300, max: 300 }), (body, other, shift) => {
        fc.pre(body !== other && shift !== 0);
        const headers = headersOf(signedHeaders(SECRET, body, NOW));
        expect(checkSignedRequest(SECRET, { headers, body: other, now: NOW })).toBe('bad');
        const moved = { ...headers, 'x-ocrm-timestamp': String(Number(headers['x-ocrm-timestamp']) + shift) };
        expect(checkSignedRequest(SECRET, { headers: moved, body, now: NOW })).toBe('bad');
      }),
    );
  });

  it('refuses a timestamp outside ±5 minutes, a missing header, and a replay within the window', () => {
    const body = '[]';
    const headers = headersOf(signedHeaders(SECRET, body, NOW));
    const late = new Date(NOW.getTime() + 301_000);
    expect(checkSignedRequest(SECRET, { headers, body, now: late })).toBe('stale');
    expect(checkSignedRequest(SECRET, { headers: {}, body, now: NOW })).toBe('missing');
    const seen = seenSignaturesInMemory();
    expect(checkSignedRequest(SECRET, { headers, body, now: NOW }, seen)).toBe('ok');
    expect(checkSignedRequest(SECRET, { headers, body, now: NOW }, seen)).toBe('replayed');
    expect(bankGatewaySignature(SECRET, '1', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('error-code mappings are total', () => {
  it('every Tencent code, known or not, is one of the four failures; the known ones as listed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (code) => {
        expect(isSmsFailure(smsFailureFromTencentCode(code))).toBe(true);
      }),
    );
    for (const code of TENCENT_THROTTLED) expect(smsFailureFromTencentCode(code).kind).toBe('throttled');
    for (const code of TENCENT_OPTED_OUT) expect(smsFailureFromTencentCode(code).kind).toBe('opted_out');
    for (const code of Object.keys(TENCENT_REJECTED))
      expect(smsFailureFromTencentCode(code).kind).toBe('rejected');
    for (const code of TENCENT_CONFIGURATION)
      expect(smsFailureFromTencentCode(code)).toMatchObject({ kind: 'unavailable', reason: 'configuration' });
    expect(smsFailureFromTencentError({ httpCode: 502 })).toMatchObject({
      kind: 'unavailable',
      maybeSent: true,
    });
    expect(smsFailureFromTencentError(new Error('connect ECONNREFUSED'))).toMatchObject({ maybeSent: false });
  });

  it('every bank gateway answer is one of the four failures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 201, max: 599 }),
        fc.option(fc.string({ maxLength: 30 })),
        fc.option(fc.string({ maxLength: 8 })),
        (status, code, retryAfter) => {
          const failure = smsFailureFromBankGatewayStatus(status, code ?? undefined, retryAfter ?? undefined);
          expect(isSmsFailure(failure)).toBe(true);
          if (status === 429) expect(failure.kind).toBe('throttled');
          if (status >= 500) expect(failure.kind).toBe('unavailable');
        },
      ),
    );
    for (const code of BANK_GATEWAY_MESSAGE_CODES)
      expect(isSmsFailure(smsFailureFromBankGatewayCode(code))).toBe(true);
    expect(smsFailureFromBankGatewayCode('OPTED_OUT').kind).toBe('opted_out');
    expect(smsFailureFromBankGatewayStatus(429, 'RATE_LIMITED', '7')).toMatchObject({ retryAfterMs: 7000 });
  });
});

describe('the tencent callback', () => {
  const callback = createTencentCallback({
    secretId: 'id',
    secretKey: 'key',
    smsSdkAppId: '1400000001',
    signName: '示例银行',
    callbackToken: 'a-callback-token-of-16',
  });
  const request = (token?: string) => ({ headers: {}, query: { token }, body: '[]', now: NOW });

  it('takes the token and nothing else', () => {
    expect(callback.verify(request('a-callback-token-of-16'))).toBe(true);
    expect(callback.verify(request('a-callback-token-of-17'))).toBe(false);
    expect(callback.verify(request())).toBe(false);
  });

  it('parses a status callback and a reply; the same reply has the same id', () => {
    const status = JSON.stringify([
      {
        user_receive_time: '2026-12-07 16:00:03',
        nationcode: '86',
        mobile: '13812345678',
        report_status: 'FAIL',
        errmsg: 'MK:0011',
        description: '用户已退订',
        sid: 'sid-1',
      },
    ]);
    expect(callback.receipts!(status)).toEqual([
      expect.objectContaining({
        providerMessageId: 'sid-1',
        status: 'failed',
        at: '2026-12-07T08:00:03.000Z',
        optedOut: true,
      }),
    ]);
    const reply = JSON.stringify({
      extend: '',
      mobile: '13812345678',
      nationcode: '86',
      sign: '示例银行',
      text: 'TD',
      time: 1_765_000_000,
    });
    const [first] = callback.replies!(reply);
    expect(first).toMatchObject({ from: '+8613812345678', text: 'TD' });
    expect(first!.messageId).not.toContain('13812345678');
    expect(callback.replies!(reply)[0]!.messageId).toBe(first!.messageId);
    expect(() => callback.receipts!('[{"sid":""}]')).toThrow();
  });
});
