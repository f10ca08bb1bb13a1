// The local outbox every SMS stand-in writes to (SNS's in ../sms-gateway.ts, a channel's here):
// what was sent to which phone, what became of it, and the fault knobs shared by every channel:
// opted-out numbers, failures queued for the next sends, sends taken but not delivered, and a rate
// limit. Served at GET /_local/sms by the gateway. Never logs a phone number.
import { randomUUID } from 'node:crypto';
import { smsParts, type SmsEncoding } from '#shared/sms/parts.js';

export type SmsType = 'Promotional' | 'Transactional';

export interface OutboxEntry {
  /** The outbox's sequence, increasing: `1`, `2` … */
  id: string;
  /** What the provider answered: the key of its delivery receipts (SNS MessageId, Alibaba BizId …). */
  messageId: string;
  phone: string;
  text: string;
  /** As sent, else SNS's default (Promotional). */
  smsType: SmsType;
  senderId?: string;
  /** The channel that took it, when not SNS. */
  channel?: string;
  /** The provider's template, for a channel that sends templates. */
  templateCode?: string;
  /** The template's variables as sent (Alibaba's TemplateParam; Tencent's TemplateParamSet as `1`, `2` …). */
  templateParams?: Record<string, string>;
  /** ISO 8601 UTC. */
  at: string;
  encoding: SmsEncoding;
  parts: number;
  /** `opted_out`: accepted but not delivered, as providers do for an opted-out number; `failed`: the carrier did not deliver it. */
  status: 'delivered' | 'opted_out' | 'failed';
  /** The carrier's answer, as the provider reports it. */
  providerResponse: string;
}

/** Fault knobs every channel's stand-in understands, besides its provider's own error codes. */
export const GENERIC_FAULTS = ['throttled', 'rejected-template', 'unknown-number'] as const;
export type GenericFault = (typeof GENERIC_FAULTS)[number];

export interface OutboxOptions {
  /** Sends accepted per rolling second; beyond it the stand-in throttles. Default: no limit. */
  ratePerSecond?: number;
  /** Numbers opted out from the start. */
  optedOut?: Iterable<string>;
  /** Milliseconds since the epoch; tests pass their own. */
  now?: () => number;
}

export interface Outbox {
  now(): number;
  /** Records a send the provider accepted: delivered, opted out or undelivered per the knobs. */
  record(
    sent: Pick<OutboxEntry, 'phone' | 'text' | 'smsType'> &
      Partial<Pick<OutboxEntry, 'senderId' | 'channel' | 'templateCode' | 'templateParams' | 'messageId'>>,
  ): OutboxEntry;
  /** The next queued failure (an error code or a generic fault), taken. */
  takeFailure(): string | undefined;
  /** Seconds to wait when the rate is used up (nothing taken); undefined when the send may go. */
  takeRateSlot(): number | undefined;
  /** Newest first; `phone` filters. */
  list(filter?: { phone?: string }): OutboxEntry[];
  /** Oldest first, after the entry `after` (exclusive). */
  after(after?: string): OutboxEntry[];
  isOptedOut(phone: string): boolean;
  optOut(phone: string): void;
  optIn(phone: string): void;
  optedOut(): string[];
  failNext(count: number, code: string): void;
  undeliverNext(count: number, providerResponse?: string): void;
  setRateLimit(ratePerSecond: number | undefined): void;
  clear(): void;
  reset(): void;
}

export const DELIVERED = 'Message has been accepted by phone carrier';
export const OPTED_OUT_RESPONSE = 'Phone is currently opted out';
export const UNDELIVERED = 'Phone carrier has blocked this message';

export const createOutbox = (options: OutboxOptions = {}): Outbox => {
  const now = options.now ?? Date.now;
  let entries: OutboxEntry[] = []; // oldest first
  let sequence = 0;
  const optedOut = new Set<string>(options.optedOut ?? []);
  const failures: string[] = [];
  const undelivered: string[] = [];
  let ratePerSecond = options.ratePerSecond;
  let accepted: number[] = []; // times of sends inside the rolling second

  const deliveryOf = (phone: string): Pick<OutboxEntry, 'status' | 'providerResponse'> => {
    if (optedOut.has(phone)) return { status: 'opted_out', providerResponse: OPTED_OUT_RESPONSE };
    const response = undelivered.shift();
    if (response !== undefined) return { status: 'failed', providerResponse: response };
    return { status: 'delivered', providerResponse: DELIVERED };
  };

  return {
    now,
    record(sent) {
      const count = smsParts(sent.text);
      sequence += 1;
      const entry: OutboxEntry = {
        id: String(sequence),
        messageId: sent.messageId ?? randomUUID(),
        phone: sent.phone,
        text: sent.text,
        smsType: sent.smsType,
        ...(sent.senderId !== undefined ? { senderId: sent.senderId } : {}),
        ...(sent.channel !== undefined ? { channel: sent.channel } : {}),
        ...(sent.templateCode !== undefined ? { templateCode: sent.templateCode } : {}),
        ...(sent.templateParams !== undefined ? { templateParams: { ...sent.templateParams } } : {}),
        at: new Date(now()).toISOString(),
        encoding: count.encoding,
        parts: count.parts,
        ...deliveryOf(sent.phone),
      };
      entries.push(entry);
      return { ...entry };
    },
    takeFailure: () => failures.shift(),
    takeRateSlot() {
      if (ratePerSecond === undefined) return undefined;
      const at = now();
      accepted = accepted.filter((t) => at - t < 1000);
      if (accepted.length >= ratePerSecond) {
        const waitMs = 1000 - (at - accepted[0]!);
        return Math.max(1, Math.ceil(waitMs / 1000));
      }
      accepted.push(at);
      return undefined;
    },
    list(filter = {}) {
      const phone = filter.phone ? normalizePhone(filter.phone) : undefined;
      return entries
        .filter((entry) => phone === undefined || entry.phone === phone)
        .reverse()
        .map((entry) => ({ ...entry }));
    },
    after(after) {
      const from = after === undefined ? 0 : Number(after);
      return entries.filter((e) => Number(e.id) > from).map((entry) => ({ ...entry }));
    },
    isOptedOut: (phone) => optedOut.has(phone),
    optOut: (phone) => void optedOut.add(phone),
    optIn: (phone) => void optedOut.delete(phone),
    optedOut: () => [...optedOut].sort(),
    failNext(count, code) {
      for (let i = 0; i < count; i++) failures.push(code);
    },
    undeliverNext(count, providerResponse = UNDELIVERED) {
      for (let i = 0; i < count; i++) undelivered.push(providerResponse);
    },
    setRateLimit(next) {
      ratePerSecond = next;
      accepted = [];
    },
    clear() {
      entries = [];
    },
    reset() {
      entries = [];
      sequence = 0;
      optedOut.clear();
      failures.length = 0;
      undelivered.length = 0;
      accepted = [];
      ratePerSecond = options.ratePerSecond;
    },
  };
};

/** `?phone=+86…` arrives as ` 86…` when the + is not percent-encoded. */
export const normalizePhone = (phone: string): string => {
  const trimmed = phone.trim();
  return trimmed.startsWith('+') ? trimmed : `+${trimmed}`;
};
