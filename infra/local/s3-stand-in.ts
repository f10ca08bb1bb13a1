// A stand-in for the S3 bucket the audit archive writes (Object Lock, compliance mode), speaking
// the part of the S3 wire protocol the archive's adapter uses, path-style: PutObject with
// `If-None-Match: *` (412 when the key exists) and a required Content-MD5, GetObject, and a listing
// (`GET /{bucket}?prefix=`, JSON here, not S3's XML). Objects are files under `dir`, written once
// and made read-only: nothing here overwrites or deletes one, as Object Lock would refuse to.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface S3StandIn {
  /** For the adapter's OCRM_S3_ENDPOINT: `http://127.0.0.1:PORT`. */
  endpoint: string;
  dir: string;
  /** Keys under a prefix in one bucket, sorted. */
  list(bucket: string, prefix?: string): Promise<string[]>;
  read(bucket: string, key: string): Promise<string>;
  stop(): Promise<void>;
}

const SAFE = /^[A-Za-z0-9._-]+$/;
const safeKey = (key: string) => key.split('/').every((part) => SAFE.test(part) && part !== '..');

const xmlError = (res: ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
};

const body = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const walk = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
};

export const startS3StandIn = async (dir: string): Promise<S3StandIn> => {
  const pathOf = (bucket: string, key: string) => join(dir, bucket, ...key.split('/'));
  const list = async (bucket: string, prefix = '') =>
    (await walk(join(dir, bucket)))
      .map((file) => relative(join(dir, bucket), file).split(sep).join('/'))
      .filter((key) => key.startsWith(prefix))
      .sort();

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const [, bucket = '', ...rest] = url.pathname.split('/');
      const key = rest.join('/');
      if (!SAFE.test(bucket)) return xmlError(res, 400, 'InvalidBucketName', 'bad bucket');
      if (req.method === 'GET' && key === '') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ keys: await list(bucket, url.searchParams.get('prefix') ?? '') }));
      }
      if (!safeKey(key)) return xmlError(res, 400, 'InvalidArgument', 'bad key');
      if (req.method === 'GET') {
        const content = await readFile(pathOf(bucket, key)).catch(() => undefined);
        if (!content) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(content);
      }
      if (req.method !== 'PUT') return xmlError(res, 405, 'MethodNotAllowed', 'PUT or GET only');
      const content = await body(req);
      const md5 = req.headers['content-md5'];
      if (typeof md5 !== 'string')
        return xmlError(res, 400, 'InvalidRequest', 'Content-MD5 is required for a bucket with Object Lock');
      if (createHash('md5').update(content).digest('base64') !== md5)
        return xmlError(
          res,
          400,
          'BadDigest',
          'The Content-MD5 you specified did not match what we received.',
        );
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
        return xmlError(res, 403, 'AccessDenied', 'unsigned request');
      const file = pathOf(bucket, key);
      await mkdir(dirname(file), { recursive: true });
      // Object Lock: an existing object is never replaced, with or without If-None-Match
      try {
        await writeFile(file, content, { flag: 'wx', mode: 0o444 });
        await chmod(file, 0o444);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return req.headers['if-none-match'] === '*'
          ? xmlError(
              res,
              412,
              'PreconditionFailed',
              'At least one of the pre-conditions you specified did not hold',
            )
          : xmlError(res, 403, 'AccessDenied', 'Object Lock: the object is under retention');
      }
      res.writeHead(200, { etag: `"${createHash('md5').update(content).digest('hex')}"` });
      res.end();
    })().catch((error: unknown) => xmlError(res, 500, 'InternalError', String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dir,
    list,
    read: async (bucket, key) => readFile(pathOf(bucket, key), 'utf8'),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
