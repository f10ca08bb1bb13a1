// S3 adapter of the audit archive: one conditional PutObject (`If-None-Match: *`: 412 when the key
// exists) with a Content-MD5, which a bucket under Object Lock requires. Written on fetch and SigV4
// (the project carries no S3 client); locally OCRM_S3_ENDPOINT points it at the runtime's S3
// stand-in, path-style, exactly as it talks to S3.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { SourceData } from '@smithy/types';
import type { ArchiveStore } from './ports.js';

/** The bucket's name reaches the archiving function through this variable (set by CDK, or locally). */
export const AUDIT_ARCHIVE_BUCKET_ENV = 'OCRM_AUDIT_ARCHIVE_BUCKET';

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : data instanceof Uint8Array
      ? data
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);

class Sha256 {
  private hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {
    throw new Error('not used');
  }
}

export class ArchiveWriteFailed extends Error {
  override name = 'ArchiveWriteFailed';
}

export const s3ArchiveStore = (
  options: { bucket?: string; region?: string; endpoint?: string; fetch?: typeof fetch } = {},
): ArchiveStore => {
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const send = options.fetch ?? fetch;
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials: defaultProvider(),
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: true,
  });
  // read on use: locally the runtime sets them after a handler module may have loaded
  const urlOf = (key: string) => {
    const bucket = options.bucket ?? process.env[AUDIT_ARCHIVE_BUCKET_ENV];
    if (!bucket) throw new Error(`${AUDIT_ARCHIVE_BUCKET_ENV} is not set`);
    const endpoint = options.endpoint ?? (process.env.OCRM_S3_ENDPOINT || undefined);
    return new URL(
      endpoint ? `${endpoint}/${bucket}/${key}` : `https://${bucket}.s3.${region}.amazonaws.com/${key}`,
    );
  };
  return {
    async putOnce(key, body) {
      const url = urlOf(key);
      const signed = await signer.sign({
        method: 'PUT',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: {},
        headers: {
          host: url.host,
          'content-type': 'application/x-ndjson',
          'content-md5': createHash('md5').update(body).digest('base64'),
          'if-none-match': '*',
        },
        body,
      });
      const response = await send(url, { method: 'PUT', headers: signed.headers, body });
      if (response.ok) return 'written';
      if (response.status === 412) return 'exists';
      const text = await response.text();
      // 409 ConditionalRequestConflict (a concurrent write of the key) and 5xx: the batch is retried
      throw new ArchiveWriteFailed(`PutObject ${key}: ${response.status} ${text.slice(0, 200)}`);
    },
  };
};
