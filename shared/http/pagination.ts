// Lists: `?limit=` (default 50, max 200) and an opaque `?cursor=` → `{ items, nextCursor? }`.
import * as z from 'zod';

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
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

export const encodeCursor = (key: PageKey | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

export const decodeCursor = (cursor: string): PageKey | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string' || typeof v === 'number'))
      return undefined;
    return value as PageKey;
  } catch {
    return undefined;
  }
};

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
