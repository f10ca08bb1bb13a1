// The local bank SMS platform (短信平台): the contract of docs/sms-gateway.md on the shared outbox.
// POST /_local/sms/bank-gateway/v1/messages takes a batch signed with X-OCRM-Timestamp /
// X-OCRM-Signature (checked: a bad or stale signature is 401) and answers each message accepted
// or rejected; receipts and replies are pushed, signed the same way, to POST {callbackBase}/v1/sms/
// callbacks/bank-gateway/receipts|replies, again until the answer is {"result":"accepted"}.
// Served beside the API:
//   POST /_local/sms/bank-gateway/reply   {"phone","text"}  pushes a reply (TD …)
//   POST /_local/sms/bank-gateway/repush  pushes every receipt again (as the platform's retries would)
//   GET  /_local/sms/bank-gateway/reports the receipts pushed, oldest first
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkSignedRequest, signedHeaders } from '#shared/sms/bank-gateway-signature.js';
import type { GatewayReceipt, GatewayReply } from '#shared/sms/bank-gateway-callback.js';
import type { GatewayMessage } from '#shared/sms/bank-gateway-provider.js';
import type { GenericFault } from './outbox.js';
import {
  createPusher,
  pathUnder,
  serveKnobs,
  type PushingStandIn,
  type PushingStandInOptions,
} from './push.js';
import { readBody, sendJson } from './wire.js';

export const BANK_GATEWAY_LOCAL = {
  path: '/_local/sms/bank-gateway',
  secret: 'local-bank-gateway-shared-secret-0000000001',
} as const;

/** Generic faults → the contract's refusals: a whole-request status, or one message's code. */
const FAULTS: Record<GenericFault, { status: number; code: string } | { messageCode: string }> = {
  throttled: { status: 429, code: 'RATE_LIMITED' },
  'rejected-template': { messageCode: 'CONTENT_REFUSED' },
  'unknown-number': { messageCode: 'INVALID_NUMBER' },
};
const E164 = /^\+[1-9]\d{6,14}$/;

export type BankGatewayStandInOptions = PushingStandInOptions;
export type BankGatewayStandIn = PushingStandIn<GatewayReceipt>;

export const createBankGatewayStandIn = (options: BankGatewayStandInOptions): BankGatewayStandIn => {
  const { outbox } = options;
  const pushDelayMs = options.pushDelayMs ?? 20;
  const pusher = createPusher(
    (answer) => (answer as { result?: unknown } | undefined)?.result === 'accepted',
  );
  let reports: GatewayReceipt[] = [];
  /** Signed at each attempt, as the platform would: a retry is not a replay. */
  const push = (kind: 'receipts' | 'replies', items: unknown[], delayMs?: number) => {
    const body = JSON.stringify(items);
    const url = `${options.callbackBase}/v1/sms/callbacks/bank-gateway/${kind}`;
    const headers = () => signedHeaders(BANK_GATEWAY_LOCAL.secret, body, new Date(outbox.now()));
    if (delayMs === undefined) return pusher.push(url, body, headers);
    pusher.pushLater(delayMs, url, body, headers);
    return Promise.resolve(undefined);
  };

  const submit = (batch: GatewayMessage[]) =>
    batch.map((message) => {
      const failure = outbox.takeFailure();
      const fault =
        failure === undefined ? undefined : (FAULTS[failure as GenericFault] ?? { messageCode: failure });
      if (fault && 'status' in fault) throw new GatewayRefusal(fault.status, fault.code);
      const rejected = (code: string) => ({ clientRef: message.clientRef, status: 'rejected', code });
      if (fault) return rejected(fault.messageCode);
      if (!E164.test(message.phone)) return rejected('INVALID_NUMBER');
      if (typeof message.text !== 'string' || message.text === '') return rejected('INVALID_MESSAGE');
      if (outbox.takeRateSlot() !== undefined) throw new GatewayRefusal(429, 'RATE_LIMITED', 1);
      const entry = outbox.record({
        phone: message.phone,
        text: message.text,
        smsType: message.kind === 'service' ? 'Transactional' : 'Promotional',
        channel: 'bank-gateway',
        messageId: randomUUID(),
      });
      const receipt: GatewayReceipt = {
        messageId: entry.messageId,
        clientRef: message.clientRef,
        status: entry.status === 'delivered' ? 'delivered' : 'failed',
        code:
          entry.status === 'delivered'
            ? 'DELIVERED'
            : entry.status === 'opted_out'
              ? 'OPTED_OUT'
              : 'UNDELIVERED',
        at: new Date(outbox.now()).toISOString(),
      };
      reports.push(receipt);
      push('receipts', [receipt], pushDelayMs);
      return { clientRef: message.clientRef, messageId: entry.messageId, status: 'accepted', code: 'OK' };
    });

  const serveMessages = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await readBody(req);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name] = String(value);
      const check = checkSignedRequest(BANK_GATEWAY_LOCAL.secret, {
        headers,
        body,
        now: new Date(outbox.now()),
      });
      if (check !== 'ok')
        throw new GatewayRefusal(401, check === 'stale' ? 'STALE_TIMESTAMP' : 'BAD_SIGNATURE');
      let batch: unknown;
      try {
        batch = JSON.parse(body);
      } catch {
        throw new GatewayRefusal(400, 'INVALID_REQUEST');
      }
      if (!Array.isArray(batch) || batch.length === 0 || batch.length > 1000)
        throw new GatewayRefusal(400, 'INVALID_REQUEST');
      sendJson(res, 200, { results: submit(batch as GatewayMessage[]) });
    } catch (error) {
      const refusal = error instanceof GatewayRefusal ? error : new GatewayRefusal(500, 'INTERNAL');
      if (refusal.retryAfter !== undefined) res.setHeader('retry-after', String(refusal.retryAfter));
      sendJson(res, refusal.status, { code: refusal.code, message: `${refusal.code} (local stand-in)` });
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, sub: string): Promise<void> =>
    sub === '/v1/messages' && req.method === 'POST'
      ? serveMessages(req, res)
      : serveKnobs(standIn, req, res, sub);

  const standIn: BankGatewayStandIn = {
    channel: 'bank-gateway',
    async handle(req, res, url) {
      const sub = pathUnder(url, BANK_GATEWAY_LOCAL.path);
      if (sub === undefined) return false;
      await serve(req, res, sub);
      return true;
    },
    reply(phone, text) {
      const reply: GatewayReply = {
        replyId: randomUUID(),
        phone,
        text,
        at: new Date(outbox.now()).toISOString(),
      };
      return push('replies', [reply]);
    },
    async repush() {
      if (reports.length > 0) await push('receipts', [...reports]);
    },
    reports: () => [...reports],
    settled: () => pusher.settled(),
    reset() {
      reports = [];
    },
  };
  return standIn;
};

class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfter?: number,
  ) {
    super(code);
  }
}
