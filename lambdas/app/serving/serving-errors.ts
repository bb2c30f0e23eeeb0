/**
 * Failures a use-case reports to its caller. Each carries a stable machine-readable `code`; the
 * HTTP layer maps the class to a status (400, 403, 404, 409, 429, 503) and never shows a stack trace.
 */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Input that is well-formed but names something the model cannot use (e.g. an unknown title). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly code: string,
    message: string,
    /** Where in the request the problem is, e.g. "ratings.2.title". */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** No published model yet, or its artifacts cannot be read: retry later (HTTP 503). */
export class ModelUnavailableError extends Error {
  override readonly name = 'ModelUnavailableError';
  readonly code = 'model_unavailable';
}

/** A token that is not the profile's: the caller may not act on it (HTTP 403). */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  readonly code = 'forbidden';
}

/** The request conflicts with the state of what it names, and repeating it cannot help (409). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Over a rate limit until the current window ends, `retryAfterSeconds` from now (HTTP 429). */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
