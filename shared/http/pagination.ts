// Lists: `?limit=` (default 50, max 200) and an opaque `?cursor=` → `{ items, nextCursor? }`.
// A cursor is the list's DynamoDB start key, signed (HMAC-SHA256) with this deployment's cursor key,
// so a client can only hand back a cursor this API issued: a forged or edited one is a 400 naming
// `cursor`, never an ExclusiveStartKey that DynamoDB rejects (a 500) or one that reads past scope.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

/** The per-deployment signing key: set by the CDK stack and by the local runtime at start. */
export const CURSOR_KEY_ENV = 'OCRM_CURSOR_KEY';
/** Longer than any cursor we issue (the timeline's, which holds a key per source, is the longest). */
export const MAX_CURSOR_LENGTH = 4096;
const MAX_KEY_ATTRIBUTES = 12;
const MAX_KEY_VALUE_LENGTH = 1024;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .max(MAX_CURSOR_LENGTH, 'is not a cursor this API issued')
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const key = decodeCursor(value);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
        return z.NEVER;
      }
      return key;
    }),
});

export type PageKey = Record<string, string | number>;

// Without a configured key (a unit test, a script) cursors are good for this process only.
let processKey: Buffer | undefined;
const signingKey = (): Buffer => {
  const configured = process.env[CURSOR_KEY_ENV];
  return configured ? Buffer.from(configured, 'utf8') : (processKey ??= randomBytes(32));
};
const signatureOf = (payload: string): Buffer => createHmac('sha256', signingKey()).update(payload).digest();

/** The list's key shape: a flat object of a few string or number attributes. */
export const isPageKey = (value: unknown): value is PageKey => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    entries.length > 0 &&
    entries.length <= MAX_KEY_ATTRIBUTES &&
    entries.every(
      ([, v]) =>
        (typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY_VALUE_LENGTH) ||
        (typeof v === 'number' && Number.isFinite(v)),
    )
  );
};

export const encodeCursor = (key: PageKey | undefined): string | undefined => {
  if (!key) return undefined;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${signatureOf(payload).toString('base64url')}`;
};

/** The key a cursor carries, or undefined when this deployment did not issue it. */
export const decodeCursor = (cursor: string): PageKey | undefined => {
  if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isPageKey(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

/** A list's response schema: one page of items and, when more follow, the cursor for the next. */
export const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
