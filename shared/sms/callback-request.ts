// A provider's push as an HTTP API event → the channel-neutral CallbackRequest its check and
// parsers read, and the deployment's callback for a channel named in the path. Used by
// functions/sms/callback-*.ts, which pass in when the push arrived (the wall clock: see there).
import type { HttpEvent } from '#shared/http/http.js';
import { NotFound, Unauthorized, ValidationFailed } from '#shared/errors.js';
import { smsChannelOf, type CallbackRequest, type ProviderCallback, type SmsChannelName } from './channel.js';
import { providerCallbackOf, type ChannelDeps } from './deps.js';

export const callbackRequestOf = (event: HttpEvent, now: Date): CallbackRequest => {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const raw = event.body ?? '';
  return {
    headers,
    query: { ...event.queryStringParameters },
    body: event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw,
    sourceIp: event.requestContext?.http?.sourceIp,
    now,
  };
};

/** The deployment's callback, built once; a channel other than the deployment's is not found. */
export const deploymentCallback = (deps: ChannelDeps = {}) => {
  // one per channel: a Lambda serves one channel for life, but the local runtime may switch channels
  // between runs, and a callback built for one channel must never check another's pushes
  const callbacks = new Map<SmsChannelName, Promise<ProviderCallback | undefined>>();
  return async (channel: SmsChannelName): Promise<ProviderCallback> => {
    if (channel !== smsChannelOf(deps.env)) throw new NotFound(`The ${channel} SMS channel`);
    let callback = callbacks.get(channel);
    if (!callback) {
      callback = providerCallbackOf(channel, deps).catch((error: unknown) => {
        callbacks.delete(channel);
        throw error;
      });
      callbacks.set(channel, callback);
    }
    const found = await callback;
    if (!found) throw new NotFound(`A callback of the ${channel} SMS channel`);
    return found;
  };
};

/**
 * The items of a push the channel's check accepts: 401 when it fails, 400 when the body is not
 * the provider's (the provider is told, and pushes again only what it should).
 */
export const verifiedPush = async <T>(
  callbackOf: (channel: SmsChannelName) => Promise<ProviderCallback>,
  channel: SmsChannelName,
  event: HttpEvent,
  now: Date,
  parserOf: (callback: ProviderCallback) => ((body: string) => T[]) | undefined,
): Promise<{ callback: ProviderCallback; items: T[] }> => {
  const callback = await callbackOf(channel);
  const request = callbackRequestOf(event, now);
  if (!(await callback.verify(request))) throw new Unauthorized('The callback failed the channel’s check.');
  const parse = parserOf(callback);
  if (!parse) throw new ValidationFailed([{ path: 'params.channel', message: 'pushes nothing here' }]);
  try {
    return { callback, items: parse(request.body) };
  } catch (error) {
    throw new ValidationFailed([{ path: 'body', message: (error as Error).message }]);
  }
};
