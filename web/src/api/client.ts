// The one API client: `/v1/...` on the same origin (or the deployed API URL from config.json), the
// bearer token of the session, JSON in and out, problem+json turned into `ApiError`. A 401 ends the
// session (the sign-in page says why).
import { clearSession, getSession } from '../auth/session';
import { ApiError, problemFrom } from './problem';

let baseUrl = '';
let onUnauthorized: () => void = () => clearSession();

export const configureApi = (options: { baseUrl?: string; onUnauthorized?: () => void }): void => {
  if (options.baseUrl !== undefined) baseUrl = options.baseUrl.replace(/\/$/, '');
  if (options.onUnauthorized) onUnauthorized = options.onUnauthorized;
};

export type Query = Record<string, string | number | boolean | undefined>;

const withQuery = (path: string, query?: Query): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

const send = async (
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; accept?: string } = {},
): Promise<Response> => {
  const token = getSession()?.token;
  const response = await fetch(baseUrl + withQuery(path, options.query), {
    method,
    headers: {
      accept: options.accept ?? 'application/json, application/problem+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401 && token) onUnauthorized();
  if (!response.ok) throw await problemFrom(response);
  return response;
};

export const request = async <T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown } = {},
) => {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
};

/** A file the API serves (a report's CSV …) with the session's token: its body and the name it gives it. */
export const fetchFile = async (path: string, query: Query, accept: string) => {
  const response = await send('GET', path, { query, accept: `${accept}, application/problem+json` });
  const disposition = response.headers.get('content-disposition') ?? '';
  return { blob: await response.blob(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] };
};

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export { ApiError };
