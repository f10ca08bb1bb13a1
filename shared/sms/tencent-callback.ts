// The tencent channel's callbacks (回调): the status callback (短信下发状态, a JSON array of
// {user_receive_time, nationcode, mobile, report_status: SUCCESS|FAIL, errmsg, description, sid})
// and the reply callback (短信回复, {extend, mobile, nationcode, sign, text, time}), answered
// `{"result":0,"errmsg":"OK"}`; any other answer makes Tencent push again, so every item is
// applied idempotently downstream (a receipt by sid and status, a reply by its number, time and
// text). Tencent signs no callback: the URLs carry a per-deployment token and ops may add Tencent's
// push addresses as a source allow list — the same check as aliyun's (callback-check.ts). Pure.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { InboundReply, ProviderCallback } from './channel.js';
import type { DeliveryReceipt } from './provider.js';
import { urlTokenCheck } from './callback-check.js';
import { tencentConfigOf } from './tencent-config.js';

/** Tencent's `yyyy-MM-dd HH:mm:ss`, Beijing time → ISO 8601 UTC; undefined when it is not one. */
export const tencentTimeIso = (time: string): string | undefined => {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(time.trim());
  const at = match ? Date.parse(`${match[1]}T${match[2]}+08:00`) : Number.NaN;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
};

export const TencentStatusItem = z.looseObject({
  user_receive_time: z.string().refine((t) => tencentTimeIso(t) !== undefined, 'is not yyyy-MM-dd HH:mm:ss'),
  nationcode: z.string().max(8).optional(),
  mobile: z.string().max(20).optional(),
  report_status: z.enum(['SUCCESS', 'FAIL']),
  errmsg: z.string().max(100).optional(),
  description: z.string().max(500).optional(),
  sid: z.string().min(1).max(200),
});
export type TencentStatusItem = z.infer<typeof TencentStatusItem>;

export const TencentReplyItem = z.looseObject({
  extend: z.string().max(20).optional(),
  mobile: z.string().regex(/^\d{5,15}$/),
  nationcode: z.string().regex(/^\d{1,4}$/),
  sign: z.string().max(64).optional(),
  text: z.string().max(1600),
  /** Unix seconds. */
  time: z.number().int().positive(),
});
export type TencentReplyItem = z.infer<typeof TencentReplyItem>;

/** Carrier codes that mean the number refused SMS (退订 / 黑名单) rather than a delivery failure. */
const OPTED_OUT_ERRMSG = new Set(['MK:0011', 'DB:0141', 'MB:1042', 'UNSUBSCRIBED']);

export const receiptOfTencentStatus = (item: TencentStatusItem): DeliveryReceipt => {
  const words = [item.errmsg, item.description]
    .filter(Boolean)
    .join(' ')
    .replace(/\+?\d[\d\s-]{5,}\d/g, '[redacted]')
    .slice(0, 200);
  const delivered = item.report_status === 'SUCCESS';
  return {
    providerMessageId: item.sid,
    status: delivered ? 'delivered' : 'failed',
    at: tencentTimeIso(item.user_receive_time)!,
    ...(words ? { providerResponse: words } : {}),
    ...(!delivered && item.errmsg && OPTED_OUT_ERRMSG.has(item.errmsg) ? { optedOut: true } : {}),
  };
};

/**
 * A reply has no id of Tencent's: the same reply pushed again has the same number, time and text,
 * so those make its id (a digest: the id never carries the number).
 */
export const replyOfTencent = (item: TencentReplyItem): InboundReply => {
  const from = `+${item.nationcode}${item.mobile}`;
  const digest = createHash('sha256')
    .update(`${from}\n${item.time}\n${item.text}`)
    .digest('hex')
    .slice(0, 32);
  return {
    messageId: `tencent-up-${digest}`,
    from,
    text: item.text,
    receivedAt: new Date(item.time * 1000).toISOString(),
  };
};

const itemsOf = <T extends z.ZodType>(item: T, body: string, single: boolean): z.output<T>[] => {
  const value: unknown = JSON.parse(body);
  const list = single && !Array.isArray(value) ? [value] : value;
  const parsed = z.array(item).min(1).max(1000).safeParse(list);
  if (!parsed.success)
    throw new Error(`not a Tencent callback: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
};

export const createTencentCallback = (raw: Record<string, unknown>): ProviderCallback => {
  const config = tencentConfigOf(raw);
  if (!config.callbackToken)
    throw new Error('The tencent SMS channel needs a callbackToken to take callbacks');
  return {
    verify: urlTokenCheck(config.callbackToken, config.callbackSourceIps),
    receipts: (body) => itemsOf(TencentStatusItem, body, false).map(receiptOfTencentStatus),
    // Tencent pushes one reply an object; an array is taken too
    replies: (body) => itemsOf(TencentReplyItem, body, true).map(replyOfTencent),
    accepted: { status: 200, body: { result: 0, errmsg: 'OK' } },
    retryLater: { status: 200, body: { result: 1, errmsg: 'retry later' } },
  };
};
