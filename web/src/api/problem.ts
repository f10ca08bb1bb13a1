// The API's RFC 9457 problem+json, parsed once: an `ApiError` with its field errors, and the mapping
// of `body.note`-style paths onto the form fields they name.

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

/** The API answered 404: there is no such thing (a customer, a campaign). */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

export const problemFrom = async (response: Response): Promise<ApiError> => {
  let body: { title?: string; detail?: string; errors?: FieldError[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: the status says enough
  }
  return new ApiError(
    response.status,
    body.title ?? response.statusText,
    body.detail ?? '',
    Array.isArray(body.errors) ? body.errors : [],
  );
};

/**
 * antd `form.setFields` input for the errors that name one of the form's fields (`body.note` → `note`,
 * `body.credits.1.sharePct` → `['credits', 1, 'sharePct']`); the rest are returned for a banner.
 */
export const fieldErrors = (
  error: unknown,
  fields: readonly string[],
  prefix = 'body.',
): { fields: { name: (string | number)[]; errors: string[] }[]; rest: string[] } => {
  if (!(error instanceof ApiError)) return { fields: [], rest: [String((error as Error)?.message ?? error)] };
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const e of error.errors) {
    const path = e.path.startsWith(prefix) ? e.path.slice(prefix.length) : e.path;
    const name = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (!fields.includes(String(name[0]))) {
      rest.push(`${e.path}: ${e.message}`);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  if (error.errors.length === 0) rest.push(error.message);
  return { fields: [...byField.values()], rest };
};
