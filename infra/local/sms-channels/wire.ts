// The HTTP plumbing every local SMS stand-in shares: the body (read already when mounted in the
// local server), JSON in and out.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 512 * 1024;

export class BodyTooLarge extends Error {
  constructor() {
    super('Request body too large');
  }
}

export const sendJson = (res: ServerResponse, status: number, value?: unknown): void => {
  if (value === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
};

export const readBody = async (req: IncomingMessage & { rawBody?: Buffer }): Promise<string> => {
  // Mounted in the local HTTP server, the body was read already (see http-server.ts).
  if (req.rawBody) {
    if (req.rawBody.length > MAX_BODY_BYTES) throw new BodyTooLarge();
    return req.rawBody.toString('utf8');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

export const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const text = await readBody(req);
  const value: unknown = text ? JSON.parse(text) : {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('the body must be a JSON object');
  return value as Record<string, unknown>;
};
