// The local SMS gateway: enough of the SNS wire protocol that the real @aws-sdk/client-sns runs
// against it, and an outbox to look at instead of phones.
//
// client-sns 3.x speaks awsQuery: POST {endpoint}/ with an application/x-www-form-urlencoded body
// (`Action=Publish&Version=2010-03-31&PhoneNumber=…&MessageAttributes.entry.1.Name=…`) and gets
// XML back — `<PublishResponse><PublishResult><MessageId>` on success, and on failure
// `<ErrorResponse><Error><Type/><Code/><Message/></Error>` with the awsQuery error code
// (`Throttled`, `InvalidParameter` …) that the SDK maps to its exception classes
// (ThrottledException, InvalidParameterException …). Signatures are not checked.
//
// Served paths (the main local server mounts `handle`):
//   POST /_local/sns/                Publish (PhoneNumber only), CheckIfPhoneNumberIsOptedOut,
//                                    OptInPhoneNumber, ListPhoneNumbersOptedOut
//   GET    /_local/sms[?phone=]      the outbox as JSON, newest first
//   DELETE /_local/sms               clear the outbox
//   GET    /_local/sms/opted-out     opted-out numbers
//   POST   /_local/sms/opted-out     {"phone"} marks a number opted out (as a TD reply would)
//   POST   /_local/sms/fail-next     {"count", "errorCode"} fails the next publishes
//   POST   /_local/sms/undeliver-next {"count", "providerResponse"?} the next publishes are taken, not delivered
//   GET    /_local/sms/delivery-status[?after=<id>]  SNS delivery-status log events, oldest first,
//                                    as CloudWatch Logs holds them (`POST /v1/sms/delivery-receipts`
//                                    takes them as `snsDeliveryStatus`)
//   POST   /_local/sms/reset         forget everything: outbox, opt-outs, failures, rate window
// The outbox and its knobs are shared with the other channels' stand-ins (sms-channels/outbox.ts),
// which the gateway serves too once mounted (sms-channels/index.ts): `fail-next` also takes the
// generic faults `throttled`, `rejected-template`, `unknown-number`.
// Like SNS, a Publish to an opted-out number succeeds and is not delivered: its outbox entry has
// status `opted_out` and its delivery-status event is a FAILURE "Phone is currently opted out".
// The gateway never logs a phone number.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsParts } from '#shared/sms/parts.js';
import {
  createOutbox,
  normalizePhone,
  type GenericFault,
  type Outbox,
  type OutboxEntry,
  type OutboxOptions,
  type SmsType,
} from './sms-channels/outbox.js';
import type { ChannelStandIn } from './sms-channels/stand-in.js';
import { BodyTooLarge, readBody, readJson, sendJson } from './sms-channels/wire.js';

export type { OutboxEntry, SmsType } from './sms-channels/outbox.js';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const SNS_PATH = '/_local/sns';
const SMS_PATH = '/_local/sms';
const MAX_SMS_CHARACTERS = 1600;
const E164 = /^\+[1-9]\d{6,14}$/;
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const PAGE_SIZE = 100;

/** One SNS SMS delivery-status log event (CloudWatch Logs), for the outbox entry `id`. */
export interface DeliveryStatusEvent {
  /** The outbox entry's id: `?after=` pages on it. */
  id: string;
  notification: { messageId: string; timestamp: string };
  delivery: {
    destination: string;
    smsType: SmsType;
    numberOfMessageParts: number;
    providerResponse: string;
    priceInUSD: number;
    dwellTimeMs: number;
  };
  status: 'SUCCESS' | 'FAILURE';
}

export type SmsGatewayOptions = OutboxOptions;

export interface SmsGateway {
  /** Serves the request and resolves true when it is under /_local/sns or /_local/sms; else false, untouched. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Newest first; `phone` filters. */
  outbox(filter?: { phone?: string }): OutboxEntry[];
  optOut(phone: string): void;
  optIn(phone: string): void;
  optedOut(): string[];
  /** The next `count` Publish calls fail with this awsQuery code (`Throttled`) or exception name (`ThrottledException`). */
  failNext(count: number, errorCode: string): void;
  /** The next `count` accepted publishes are not delivered (the carrier's answer in the log). */
  undeliverNext(count: number, providerResponse?: string): void;
  /** Delivery-status log events after the outbox entry `after` (exclusive), oldest first. */
  deliveryStatus(after?: string): DeliveryStatusEvent[];
  /** Sets (or with undefined, lifts) the rate limit. */
  setRateLimit(ratePerSecond: number | undefined): void;
  /** Empties the outbox. */
  clear(): void;
  /** Empties the outbox and forgets opt-outs, pending failures and the rate window. */
  reset(): void;
  /** The outbox itself, for another channel's stand-in to write to. */
  readonly store: Outbox;
  /** Serves another channel's stand-in beside SNS (its wire protocol, its pushes) on the same outbox. */
  mount(standIn: ChannelStandIn): void;
  /** The mounted stand-ins. */
  channels(): ChannelStandIn[];
}

interface SnsErrorSpec {
  status: number;
  type: 'Sender' | 'Receiver';
  message: string;
}

// awsQuery error codes with the HTTP status SNS answers them with (from client-sns's error traits).
const sender = (status: number, message: string): SnsErrorSpec => ({ status, type: 'Sender', message });
const SNS_ERRORS: Record<string, SnsErrorSpec> = {
  Throttled: sender(429, 'Rate exceeded'),
  Throttling: sender(400, 'Rate exceeded'),
  OptedOut: sender(400, 'Phone number is opted out'),
  InvalidParameter: sender(400, 'Invalid parameter'),
  ParameterValueInvalid: sender(400, 'Invalid parameter value'),
  ValidationException: sender(400, 'Validation failed'),
  AuthorizationError: sender(403, 'User is not authorized to perform: SNS:Publish'),
  InvalidSecurity: sender(403, 'The request was not made over HTTPS or with SigV4'),
  EndpointDisabled: sender(400, 'Endpoint is disabled'),
  NotFound: sender(404, 'Not found'),
  InternalError: { status: 500, type: 'Receiver', message: 'Internal error' },
  KMSThrottling: sender(400, 'KMS throttled the request'),
  KMSAccessDenied: sender(400, 'KMS access denied'),
  KMSDisabled: sender(400, 'KMS key is disabled'),
  KMSInvalidState: sender(400, 'KMS key is in an invalid state'),
  KMSNotFound: sender(400, 'KMS key not found'),
  KMSOptInRequired: sender(403, 'KMS opt-in required'),
  InvalidAction: sender(400, 'The action is not valid for this endpoint'),
};
// Exception class names whose awsQuery code is not the name without "Exception".
const CODE_OF_EXCEPTION: Record<string, string> = {
  InvalidParameterValueException: 'ParameterValueInvalid',
  ValidationException: 'ValidationException',
};

/** SNS's words for the generic faults. */
const SNS_FAULTS: Record<GenericFault, string> = {
  throttled: 'Throttled',
  'rejected-template': 'InvalidParameter',
  'unknown-number': 'InvalidParameter',
};

/** `ThrottledException` → `Throttled`; awsQuery codes pass through. */
export const snsErrorCode = (errorCode: string): string =>
  (Object.hasOwn(SNS_FAULTS, errorCode) ? SNS_FAULTS[errorCode as GenericFault] : undefined) ??
  CODE_OF_EXCEPTION[errorCode] ??
  (errorCode.endsWith('Exception') ? errorCode.slice(0, -'Exception'.length) : errorCode);

class SnsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message ?? SNS_ERRORS[code]?.message ?? code);
  }
}

type Params = URLSearchParams;

export const createSmsGateway = (options: SmsGatewayOptions = {}): SmsGateway => {
  const outbox = createOutbox(options);
  const standIns: ChannelStandIn[] = [];

  const takeRateSlot = (): void => {
    const waitSeconds = outbox.takeRateSlot();
    if (waitSeconds !== undefined) throw new SnsError('Throttled', 'Rate exceeded', waitSeconds);
  };

  const publish = (params: Params): Record<string, string> => {
    if (params.get('TopicArn') || params.get('TargetArn')) {
      throw new SnsError(
        'InvalidParameter',
        'Invalid parameter: the local gateway publishes to PhoneNumber only',
      );
    }
    const phone = params.get('PhoneNumber') ?? '';
    if (!phone)
      throw new SnsError('InvalidParameter', 'Invalid parameter: PhoneNumber or TopicArn or TargetArn');
    // SNS quotes the number here; so do we (the adapter must not pass it on).
    if (!E164.test(phone)) {
      throw new SnsError(
        'InvalidParameter',
        `Invalid parameter: PhoneNumber Reason: ${phone} is not valid to publish to`,
      );
    }
    const text = params.get('Message') ?? '';
    if (!text) throw new SnsError('InvalidParameter', 'Invalid parameter: Empty message');
    if (params.get('MessageStructure') === 'json') {
      throw new SnsError(
        'InvalidParameter',
        'Invalid parameter: the local gateway takes plain-text messages',
      );
    }
    const count = smsParts(text);
    if (count.characters > MAX_SMS_CHARACTERS) {
      throw new SnsError('InvalidParameter', 'Invalid parameter: Message too long');
    }
    const attributes = messageAttributes(params);
    const smsType = attributes.get('AWS.SNS.SMS.SMSType') ?? 'Promotional';
    if (smsType !== 'Promotional' && smsType !== 'Transactional') {
      throw new SnsError('ParameterValueInvalid', 'Invalid parameter value: AWS.SNS.SMS.SMSType');
    }
    const senderId = attributes.get('AWS.SNS.SMS.SenderID');
    if (senderId !== undefined && !SENDER_ID.test(senderId)) {
      throw new SnsError('ParameterValueInvalid', 'Invalid parameter value: AWS.SNS.SMS.SenderID');
    }
    // Knobs apply only to publishes SNS would otherwise accept, in the order SNS checks: limits first.
    const failure = outbox.takeFailure();
    if (failure !== undefined) throw new SnsError(snsErrorCode(failure));
    takeRateSlot();
    const entry = outbox.record({ phone, text, smsType, ...(senderId !== undefined ? { senderId } : {}) });
    return { MessageId: entry.messageId };
  };

  const phoneParam = (params: Params): string => {
    const phone = params.get('phoneNumber') ?? '';
    if (!E164.test(phone)) throw new SnsError('InvalidParameter', 'Invalid parameter: PhoneNumber');
    return phone;
  };

  // Each action answers the inner XML of its <ActionResult>.
  const actions: Record<string, (params: Params) => string> = {
    Publish: (params) => fields(publish(params)),
    CheckIfPhoneNumberIsOptedOut: (params) =>
      fields({ isOptedOut: String(outbox.isOptedOut(phoneParam(params))) }),
    OptInPhoneNumber: (params) => {
      outbox.optIn(phoneParam(params));
      return '';
    },
    ListPhoneNumbersOptedOut: (params) => {
      const all = outbox.optedOut();
      const start = Number(params.get('nextToken') ?? '0');
      if (!Number.isInteger(start) || start < 0)
        throw new SnsError('InvalidParameter', 'Invalid parameter: NextToken');
      const page = all.slice(start, start + PAGE_SIZE);
      const next = start + PAGE_SIZE < all.length ? `<nextToken>${start + PAGE_SIZE}</nextToken>` : '';
      const members = page.map((p) => `<member>${escapeXml(p)}</member>`).join('');
      return `<phoneNumbers>${members}</phoneNumbers>${next}`;
    },
  };

  const serveSns = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = randomUUID();
    try {
      if (req.method !== 'POST' && req.method !== 'GET') {
        throw new SnsError('InvalidAction', `${req.method ?? ''} is not supported; POST a form`);
      }
      const params = new URLSearchParams(url.search);
      if (req.method === 'POST') {
        for (const [key, value] of new URLSearchParams(await readSnsBody(req))) params.append(key, value);
      }
      const action = params.get('Action') ?? '';
      const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
      if (!run)
        throw new SnsError(
          'InvalidAction',
          `The action ${action || '(none)'} is not valid for this endpoint`,
        );
      sendXml(res, 200, requestId, resultXml(action, run(params), requestId));
    } catch (error) {
      const snsError = error instanceof SnsError ? error : new SnsError('InternalError');
      const spec = (Object.hasOwn(SNS_ERRORS, snsError.code) ? SNS_ERRORS[snsError.code] : undefined) ?? {
        status: 400,
        type: 'Sender',
        message: snsError.code,
      };
      if (snsError.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(snsError.retryAfterSeconds));
      sendXml(
        res,
        spec.status,
        requestId,
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${spec.type}</Type><Code>${escapeXml(snsError.code)}</Code>` +
          `<Message>${escapeXml(snsError.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    }
  };

  const serveSms = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const sub = url.pathname.slice(SMS_PATH.length).replace(/\/+$/, '');
    try {
      if (sub === '' && req.method === 'GET') {
        const phone = url.searchParams.get('phone');
        return sendJson(res, 200, gateway.outbox(phone ? { phone } : {}));
      }
      if (sub === '' && req.method === 'DELETE') {
        gateway.clear();
        return sendJson(res, 204);
      }
      if (sub === '/opted-out' && req.method === 'GET') return sendJson(res, 200, gateway.optedOut());
      if (sub === '/opted-out' && req.method === 'POST') {
        const body = await readJson(req);
        const phone = typeof body.phone === 'string' ? normalizePhone(body.phone) : '';
        if (!E164.test(phone)) return problem(res, 400, 'phone must be an E.164 number');
        gateway.optOut(phone);
        return sendJson(res, 204);
      }
      if (sub === '/fail-next' && req.method === 'POST') {
        const body = await readJson(req);
        const count = countOf(body);
        if (count === undefined) return problem(res, 400, 'count must be a non-negative integer');
        if (typeof body.errorCode !== 'string' || body.errorCode === '') {
          return problem(res, 400, 'errorCode must be an SNS error code such as Throttled');
        }
        gateway.failNext(count, body.errorCode);
        return sendJson(res, 204);
      }
      if (sub === '/undeliver-next' && req.method === 'POST') {
        const body = await readJson(req);
        const count = countOf(body);
        if (count === undefined) return problem(res, 400, 'count must be a non-negative integer');
        if (body.providerResponse !== undefined && typeof body.providerResponse !== 'string') {
          return problem(res, 400, 'providerResponse must be a string');
        }
        gateway.undeliverNext(count, body.providerResponse);
        return sendJson(res, 204);
      }
      if (sub === '/delivery-status' && req.method === 'GET') {
        return sendJson(res, 200, gateway.deliveryStatus(url.searchParams.get('after') ?? undefined));
      }
      if (sub === '/reset' && req.method === 'POST') {
        gateway.reset();
        return sendJson(res, 204);
      }
      return problem(res, 404, `${req.method ?? ''} ${url.pathname} is not a local SMS gateway route`);
    } catch (error) {
      return problem(res, 400, error instanceof Error ? error.message : 'bad request');
    }
  };

  const gateway: SmsGateway = {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://local');
      const path = url.pathname;
      for (const standIn of standIns) if (await standIn.handle(req, res, url)) return true;
      if (path === SNS_PATH || path.startsWith(`${SNS_PATH}/`)) {
        await serveSns(req, res, url);
        return true;
      }
      if (path === SMS_PATH || path.startsWith(`${SMS_PATH}/`)) {
        await serveSms(req, res, url);
        return true;
      }
      return false;
    },
    outbox: (filter) => outbox.list(filter),
    optOut: (phone) => outbox.optOut(phone),
    optIn: (phone) => outbox.optIn(phone),
    optedOut: () => outbox.optedOut(),
    failNext: (count, errorCode) => outbox.failNext(count, errorCode),
    undeliverNext: (count, providerResponse) => outbox.undeliverNext(count, providerResponse),
    deliveryStatus: (after) => outbox.after(after).map(deliveryStatusEvent),
    setRateLimit: (next) => outbox.setRateLimit(next),
    clear: () => outbox.clear(),
    reset: () => {
      outbox.reset();
      for (const standIn of standIns) standIn.reset();
    },
    store: outbox,
    mount: (standIn) => void standIns.push(standIn),
    channels: () => [...standIns],
  };
  return gateway;
};

export interface SmsGatewayServer {
  gateway: SmsGateway;
  port: number;
  /** For `new SNSClient({ endpoint })` and OCRM_SNS_ENDPOINT: `http://127.0.0.1:PORT/_local/sns`. */
  endpoint: string;
  /** `http://127.0.0.1:PORT`, for GET /_local/sms. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves a gateway on its own loopback port (0: any free port), for tests and tools. */
export const startSmsGatewayServer = async (
  port = 0,
  options: SmsGatewayOptions = {},
): Promise<SmsGatewayServer> => {
  const gateway = createSmsGateway(options);
  const server = createServer((req, res) => {
    gateway
      .handle(req, res)
      .then((served) => {
        if (!served) problem(res, 404, 'Not found: the SMS gateway serves /_local/sns and /_local/sms');
      })
      .catch(() => {
        if (!res.headersSent) problem(res, 500, 'The SMS gateway failed');
        else res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${bound}`;
  return {
    gateway,
    port: bound,
    endpoint: `${baseUrl}${SNS_PATH}`,
    baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

/** SNS's log timestamp: `2026-11-20 02:00:01.123`, UTC. */
const snsTimestamp = (iso: string) => iso.replace('T', ' ').replace(/Z$/, '');

const deliveryStatusEvent = (entry: OutboxEntry): DeliveryStatusEvent => ({
  id: entry.id,
  notification: { messageId: entry.messageId, timestamp: snsTimestamp(entry.at) },
  delivery: {
    destination: entry.phone,
    smsType: entry.smsType,
    numberOfMessageParts: entry.parts,
    providerResponse: entry.providerResponse,
    priceInUSD: 0,
    dwellTimeMs: 0,
  },
  status: entry.status === 'delivered' ? 'SUCCESS' : 'FAILURE',
});

// ── wire helpers ─────────────────────────────────────────────────────────────────────────────

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` → Name → StringValue. */
const messageAttributes = (params: Params): Map<string, string> => {
  const byIndex = new Map<string, { name?: string; value?: string; dataType?: string }>();
  for (const [key, value] of params) {
    const match = /^MessageAttributes\.entry\.(\d+)\.(Name|Value\.StringValue|Value\.DataType)$/.exec(key);
    if (!match) continue;
    const entry = byIndex.get(match[1]!) ?? {};
    if (match[2] === 'Name') entry.name = value;
    else if (match[2] === 'Value.StringValue') entry.value = value;
    else entry.dataType = value;
    byIndex.set(match[1]!, entry);
  }
  const attributes = new Map<string, string>();
  for (const entry of byIndex.values()) {
    if (!entry.name) continue;
    if (!entry.dataType)
      throw new SnsError(
        'ParameterValueInvalid',
        `The message attribute '${entry.name}' must have a DataType`,
      );
    if (entry.value !== undefined) attributes.set(entry.name, entry.value);
  }
  return attributes;
};

const fields = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');

const resultXml = (action: string, inner: string, requestId: string): string =>
  `<${action}Response xmlns="${XMLNS}"><${action}Result>${inner}</${action}Result>` +
  `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

const sendXml = (res: ServerResponse, status: number, requestId: string, xml: string): void => {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, {
    'content-type': 'text/xml; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
};

const problem = (res: ServerResponse, status: number, detail: string): void => {
  const body = JSON.stringify({
    type: 'about:blank',
    title: status === 404 ? 'Not found' : 'Bad request',
    status,
    detail,
  });
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
};

/** The body, or InvalidParameter when it is too large (as SNS answers). */
const readSnsBody = (req: IncomingMessage): Promise<string> =>
  readBody(req).catch((error: unknown) => {
    throw error instanceof BodyTooLarge ? new SnsError('InvalidParameter', 'Request body too large') : error;
  });

/** The `count` of a fail-next or undeliver-next body: a non-negative integer, 1 when absent. */
const countOf = (body: Record<string, unknown>): number | undefined => {
  const count = body.count ?? 1;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
};
