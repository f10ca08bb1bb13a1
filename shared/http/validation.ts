// zod issues → field errors with dotted paths, every failing field reported.
import type { z } from 'zod';
import type { FieldError } from '#shared/errors.js';

export const fieldErrors = (where: string, error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
