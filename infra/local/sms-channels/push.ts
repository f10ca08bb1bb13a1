// How a local stand-in pushes to the OCRM callback routes as a provider does: POST the JSON, and
// push again (backing off) until the answer says "taken" or the attempts run out. Tracks the
// pushes in flight so tests can wait for them. Also the knobs every pushing stand-in serves.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outbox } from './outbox.js';
import type { ChannelStandIn } from './stand-in.js';
import { readJson, sendJson } from './wire.js';

export interface Pusher {
  /** POSTs `body` to `url` until `taken(answer)`; resolves with the last answer. */
  push(url: string, body: string, headers?: () => Record<string, string>): Promise<unknown>;
  /** The same, `delayMs` from now (pending from now on). */
  pushLater(delayMs: number, url: string, body: string, headers?: () => Record<string, string>): void;
  /** Resolves when no push is pending. */
  settled(): Promise<void>;
}

export const createPusher = (taken: (answer: unknown) => boolean, attempts = 6): Pusher => {
  const pending = new Set<Promise<unknown>>();
  const attempt = async (url: string, body: string, headers?: () => Record<string, string>) => {
    let answer: unknown;
    for (let n = 0; n < attempts; n++) {
      if (n > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** n));
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers?.() },
          body,
        });
        answer = await response.json().catch(() => undefined);
        if (taken(answer)) return answer;
      } catch {
        // the API is not up yet: the provider tries again later too
      }
    }
    return answer;
  };
  return {
    push(url, body, headers) {
      const promise = attempt(url, body, headers);
      pending.add(promise);
      void promise.finally(() => pending.delete(promise));
      return promise;
    },
    pushLater(delayMs, url, body, headers) {
      const promise = new Promise((resolve) => setTimeout(resolve, delayMs)).then(() =>
        attempt(url, body, headers),
      );
      pending.add(promise);
      void promise.finally(() => pending.delete(promise));
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
};

/** What a stand-in that pushes its provider's callbacks is built with. */
export interface PushingStandInOptions {
  outbox: Outbox;
  /** Where the OCRM API listens: `http://127.0.0.1:3000`. */
  callbackBase: string;
  /** Milliseconds between a send and its receipt's push; default 20. */
  pushDelayMs?: number;
}

/** A stand-in that pushes receipts and replies, and the knobs tests and people drive it by. */
export interface PushingStandIn<Report> extends ChannelStandIn {
  /** Pushes a reply from `phone` (E.164); resolves with the route's answer. */
  reply(phone: string, text: string): Promise<unknown>;
  /** Pushes every receipt again; resolves when answered. */
  repush(): Promise<void>;
  /** The receipts pushed (once each), oldest first. */
  reports(): Report[];
  /** Resolves when no push is pending. */
  settled(): Promise<void>;
}

/** The path below `prefix` (no trailing slash), or undefined when the request is not under it. */
export const pathUnder = (url: URL, prefix: string): string | undefined =>
  url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length).replace(/\/+$/, '') : undefined;

/** The knobs under /_local/sms/<channel>: GET /reports, POST /repush, POST /reply {"phone","text"}. */
export const serveKnobs = async (
  standIn: PushingStandIn<unknown>,
  req: IncomingMessage,
  res: ServerResponse,
  sub: string,
): Promise<void> => {
  if (sub === '/reports' && req.method === 'GET') return sendJson(res, 200, standIn.reports());
  if (sub === '/repush' && req.method === 'POST') {
    await standIn.repush();
    return sendJson(res, 204);
  }
  if (sub === '/reply' && req.method === 'POST') {
    const body = await readJson(req);
    if (typeof body.phone !== 'string' || typeof body.text !== 'string')
      return sendJson(res, 400, { detail: 'give phone (E.164) and text' });
    return sendJson(res, 200, await standIn.reply(body.phone, body.text));
  }
  return sendJson(res, 404, {
    detail: `${req.method ?? ''} ${sub} is not a ${standIn.channel} stand-in route`,
  });
};
