// Named domain errors. Each knows its HTTP status; the HTTP wrapper maps them to RFC 9457
// problem+json in one place. Anything else is a 500 with no detail leaked.

export interface FieldError {
  /** Dotted path of the failing field: `credits.1.sharePct`, `body`, `query.limit`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = new.target.name;
  }
  /** The problem type URI: a stable, documented identifier of the kind of failure. */
  get type(): string {
    return `https://ocrm.example/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export class ValidationFailed extends DomainError {
  constructor(errors: FieldError[], detail = 'The request is not valid; see errors for each failing field.') {
    super(400, 'Validation failed', detail, errors);
  }
}
export class MalformedJson extends DomainError {
  constructor(detail: string) {
    super(400, 'Malformed JSON', detail, [{ path: 'body', message: detail }]);
  }
}
export class Unauthorized extends DomainError {
  constructor(detail = 'A valid bearer token is required.') {
    super(401, 'Unauthorized', detail);
  }
}
export class Forbidden extends DomainError {
  constructor(detail = 'Your role may not do this.') {
    super(403, 'Forbidden', detail);
  }
}
export class NotFound extends DomainError {
  constructor(what: string) {
    super(404, 'Not found', `${what} was not found.`);
  }
}
export class MethodNotAllowed extends DomainError {
  constructor(
    method: string,
    path: string,
    readonly allowed: string[],
  ) {
    super(405, 'Method not allowed', `${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}.`);
  }
}
export class Conflict extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(409, 'Conflict', detail, errors);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor(limitBytes: number) {
    super(413, 'Payload too large', `The body is larger than ${limitBytes} bytes.`);
  }
}
/**
 * The store is busy (throttled, or a write kept losing races) and the request did not finish: the client
 * should retry after a moment (503 with Retry-After). A stream record failed with it is retried.
 */
export class ServiceBusy extends DomainError {
  constructor(detail = 'The service is busy; retry after a moment (retrying the same request is safe).') {
    super(503, 'Service busy', detail);
  }
}
