// The web workbench on the API's origin: files of web/dist for every path that is not the API's
// (`/v1/...`) or the runtime's (`/_local/...`), index.html for the app's own paths (SPA fallback),
// `/config.json` saying `mode: local`, and the security headers the CloudFront distribution sends.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { LocalTool } from './http-server.js';
import { repositoryRoot } from './invoke.js';

export const webDist = join(repositoryRoot, 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** No inline scripts; antd's CSS-in-JS needs inline styles. Same origin for everything else. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
};

const isApiPath = (path: string) => path === '/v1' || path.startsWith('/v1/') || path.startsWith('/_local/');

export const webStatic = (options: { root?: string } = {}): LocalTool => {
  const root = options.root ?? webDist;
  const send = (
    response: Parameters<LocalTool>[1],
    status: number,
    body: Buffer | string,
    type: string,
    cache: string,
    head: boolean,
  ) => {
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'cache-control': cache,
      'content-length': Buffer.byteLength(body),
    });
    response.end(head ? undefined : body);
    return true;
  };
  return async (request, response) => {
    const method = request.method ?? 'GET';
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
    } catch {
      return false;
    }
    if (isApiPath(path) || (method !== 'GET' && method !== 'HEAD')) return false;
    const head = method === 'HEAD';
    if (path === '/config.json')
      return send(response, 200, JSON.stringify({ mode: 'local' }), TYPES['.json']!, 'no-store', head);
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/');
      return send(
        response,
        200,
        readFileSync(file),
        TYPES[extname(file)] ?? 'application/octet-stream',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        head,
      );
    }
    // a missing asset is a 404, not the app
    if (extname(path) !== '') return false;
    const index = join(root, 'index.html');
    if (!existsSync(index)) return false;
    return send(response, 200, readFileSync(index), TYPES['.html']!, 'no-cache', head);
  };
};
