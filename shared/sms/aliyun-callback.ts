// The aliyun channel's HTTP pushes (HTTP 批量推送): SmsReport (delivery receipts) and SmsUp (replies),
// each a JSON array, answered `{"code":0,"msg":"接收成功"}`; any other answer makes Alibaba push the
// same batch again, so every item is applied idempotently downstream (a receipt by BizId and status,
// a reply by its sequence_id). Alibaba signs no HTTP push: the callback URLs carry a per-deployment
// secret token (`?token=`, compared in constant time), and ops may add Alibaba's push addresses as a
// source allow list. Pure.
import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { CallbackRequest, InboundReply, ProviderCallback } from './channel.js';
import type { DeliveryReceipt } from './provider.js';
import { aliyunConfigOf } from './aliyun-config.js';

/** Alibaba's times: `2017-01-01 00:00:00`, Beijing time. */
const BEIJING_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;
const beijingIso = (time: string): string | undefined => {
  const match = BEIJING_TIME.exec(time.trim());
  if (!match) return undefined;
  const at = Date.parse(`${match[1]}T${match[2]}+08:00`);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
};
const BeijingTime = z.string().refine((t) => beijingIso(t) !== undefined, 'is not yyyy-MM-dd HH:mm:ss');

export const SmsReportItem = z.looseObject({
  phone_number: z.string().optional(),
  send_time: BeijingTime.optional(),
  report_time: BeijingTime,
  success: z.union([z.boolean(), z.enum(['true', 'false'])]),
  err_code: z.string().max(100).optional(),
  err_msg: z.string().max(500).optional(),
  sms_size: z.string().optional(),
  biz_id: z.string().min(1).max(200),
  out_id: z.string().optional(),
});
export type SmsReportItem = z.infer<typeof SmsReportItem>;

export const SmsUpItem = z.looseObject({
  phone_number: z.string().regex(/^\+?\d{5,15}$/),
  content: z.string().max(1600),
  send_time: BeijingTime,
  sign_name: z.string().optional(),
  dest_code: z.string().optional(),
  sequence_id: z.union([z.string().min(1).max(150), z.number()]),
});
export type SmsUpItem = z.infer<typeof SmsUpItem>;

const arrayOf = <T extends z.ZodType>(item: T, body: string): z.output<T>[] => {
  const parsed = z.array(item).min(1).max(1000).safeParse(JSON.parse(body));
  if (!parsed.success)
    throw new Error(`not an Alibaba push: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
};

export const receiptOfSmsReport = (item: SmsReportItem): DeliveryReceipt => {
  const delivered = item.success === true || item.success === 'true';
  const words = [item.err_code, item.err_msg].filter(Boolean).join(' ');
  return {
    providerMessageId: item.biz_id,
    status: delivered ? 'delivered' : 'failed',
    at: beijingIso(item.report_time)!,
    ...(words ? { providerResponse: words.replace(/\+?\d[\d\s-]{5,}\d/g, '[redacted]').slice(0, 200) } : {}),
  };
};

/** Alibaba's numbers come without +86 (`13812345678`); others with their country code. */
export const e164OfAliyun = (phone: string): string => {
  const digits = phone.replace(/^\+/, '');
  if (phone.startsWith('+')) return phone;
  if (/^1\d{10}$/.test(digits)) return `+86${digits}`;
  return `+${digits.replace(/^00/, '')}`;
};

export const replyOfSmsUp = (item: SmsUpItem): InboundReply => ({
  messageId: `aliyun-up-${String(item.sequence_id)}`,
  from: e164OfAliyun(item.phone_number),
  text: item.content,
  receivedAt: beijingIso(item.send_time)!,
});

const sameSecret = (given: string | undefined, expected: string): boolean => {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const createAliyunCallback = (raw: Record<string, unknown>): ProviderCallback => {
  const config = aliyunConfigOf(raw);
  const token = config.callbackToken;
  if (!token) throw new Error('The aliyun SMS channel needs a callbackToken to take callbacks');
  const sources = config.callbackSourceIps ? new Set(config.callbackSourceIps) : undefined;
  return {
    verify: (request: CallbackRequest) =>
      sameSecret(request.query.token, token) &&
      (sources === undefined || (request.sourceIp !== undefined && sources.has(request.sourceIp))),
    receipts: (body) => arrayOf(SmsReportItem, body).map(receiptOfSmsReport),
    replies: (body) => arrayOf(SmsUpItem, body).map(replyOfSmsUp),
    accepted: { status: 200, body: { code: 0, msg: '接收成功' } },
    retryLater: { status: 200, body: { code: 1, msg: '稍后重试' } },
  };
};
