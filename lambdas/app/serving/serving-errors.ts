/**
 * Failures a use-case reports to its caller. Each carries a stable machine-readable `code`; the
 * HTTP layer maps the class to a status (404, 400, 503) and never shows a stack trace.
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
